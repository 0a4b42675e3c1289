using System.Net;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Console.Tests;

/// <summary>
/// 保留一覧 and 保留詳細 over HTTPS: the reviewer's decisions reach the inquirer, and each page action is in the
/// operation log exactly as the same RPC called over gRPC would be.
/// </summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleReviewTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task A_reviewer_finds_the_held_item_previews_it_and_approves_and_Mito_picks_the_answer_up()
    {
        var (inquiryId, heldId) = await fixture.HeldInquiryAsync();
        using var console = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await console.SignInAsync();

        var list = await console.GetTextAsync("/held");
        Assert.Contains($"href=\"/held/{heldId}\"", list);
        Assert.Contains("骨粗鬆症検診情報（TM00000000013903）", list);
        var detail = await console.GetTextAsync($"/held/{heldId}");
        Assert.Contains("判断待ち", detail);
        Assert.DoesNotContain("158.2", detail); // the answer only when asked for

        using var preview = await console.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Preview");
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("9N001000000000001", previewed);
        Assert.Contains("158.2", previewed);

        using var approve = await console.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Approve",
            new Dictionary<string, string> { ["comment"] = "確認済み" });
        Assert.Equal($"/held/{heldId}?done=approved", approve.Headers.Location!.OriginalString);
        Assert.Contains("承認済み", await console.GetTextAsync($"/held/{heldId}?done=approved"));

        Assert.Equal(ProvisionOutcome.Provided, (await fixture.PendingResultAsync(inquiryId)).Outcome);
    }

    [Fact]
    public async Task A_decline_with_its_reason_reaches_the_inquirer_as_not_provided()
    {
        var (inquiryId, heldId) = await fixture.HeldInquiryAsync();
        using var console = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await console.SignInAsync();
        using var decline = await console.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Decline",
            new Dictionary<string, string> { ["reason"] = ((int)DeclineReason.SupportMeasure).ToString(), ["text"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, decline.StatusCode);
        Assert.Contains("不提供", await console.GetTextAsync($"/held/{heldId}"));
        Assert.Equal(ProvisionOutcome.NotProvided, (await fixture.PendingResultAsync(inquiryId)).Outcome);
    }

    [Fact]
    public async Task Two_person_approval_shows_the_first_approval_and_needs_another_reviewer()
    {
        var (inquiryId, heldId) = await fixture.HeldInquiryAsync(Cancer);
        using var first = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await first.SignInAsync();
        Assert.Contains("二者承認", await first.GetTextAsync("/held"));
        using (var approved = await first.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Approve"))
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("1人目承認済み", await first.GetTextAsync($"/held/{heldId}"));

        using var again = await first.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Approve");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("別の職員が承認してください", await again.Content.ReadAsStringAsync());

        using var second = fixture.SecondReviewer();
        await second.SignInAsync();
        using (var approved = await second.PostFormAsync($"/held/{heldId}", $"/held/{heldId}?handler=Approve"))
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ProvisionOutcome.NotProvided, (await fixture.PendingResultAsync(inquiryId)).Outcome); // no cancer copy: no data
    }

    [Fact]
    public async Task Console_actions_are_in_the_operation_log_as_the_same_RPCs_over_gRPC()
    {
        var (_, viaConsole) = await fixture.HeldInquiryAsync();
        var (_, viaGrpc) = await fixture.HeldInquiryAsync();
        using var console = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await console.SignInAsync();
        await console.GetTextAsync($"/held/{viaConsole}");
        (await console.PostFormAsync($"/held/{viaConsole}", $"/held/{viaConsole}?handler=Preview")).Dispose();
        (await console.PostFormAsync($"/held/{viaConsole}", $"/held/{viaConsole}?handler=Decline",
            new Dictionary<string, string> { ["reason"] = ((int)DeclineReason.NoData).ToString() })).Dispose();

        var review = new Review.ReviewClient(fixture.Network.Staff(fixture.Network.Hitachi, Roles.Reviewer));
        await review.GetHeldAsync(new GetHeldRequest { HeldId = viaGrpc });
        await review.PreviewAnswerAsync(new GetHeldRequest { HeldId = viaGrpc });
        await review.DeclineAsync(new DeclineRequest { HeldId = viaGrpc, Reason = DeclineReason.NoData });

        foreach (var rpc in new[] { "GetHeld", "PreviewAnswer", "Decline" })
        {
            var entries = await fixture.OperationsAsync($"/linkage.v1.Review/{rpc}");
            // The console's detail page reads the item again around each action, so GetHeld is there more than once.
            var fromConsole = entries.Last(o => IsOf(o, viaConsole));
            var fromGrpc = entries.Single(o => IsOf(o, viaGrpc));
            Assert.Equal(fromGrpc.Target.Replace(viaGrpc, viaConsole, StringComparison.Ordinal), fromConsole.Target);
            Assert.Equal((fromGrpc.ActorKind, fromGrpc.ActorId, fromGrpc.Outcome, fromGrpc.Reason),
                (fromConsole.ActorKind, fromConsole.ActorId, fromConsole.Outcome, fromConsole.Reason));
            Assert.NotEmpty(fromConsole.SessionId);
        }
    }

    private static bool IsOf(OperationView entry, string heldId) =>
        entry.Target == $"held:{heldId}" || entry.Target.StartsWith($"held:{heldId} ", StringComparison.Ordinal);
}
