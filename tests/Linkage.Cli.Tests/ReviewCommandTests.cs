using System.Text.Json;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>review and jobs: a reviewer decides held answers from the command line, an administrator watches the deliveries.</summary>
public sealed class ReviewCommandTests(ReviewNetworkFixture fixture) : IClassFixture<ReviewNetworkFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task A_held_answer_is_listed_shown_previewed_and_approved_once_and_arrives()
    {
        var (inquiryId, heldId) = await fixture.HeldInquiryAsync();
        var reviewer = fixture.Reviewer;

        var list = await reviewer.RunAsync("review", "list", "--inquirer", Mito, "--information-name", Osteoporosis);
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        // The id is never broken over two lines (it is copied from here); the other cells may wrap on a narrow terminal.
        Assert.Contains(heldId, list.Output);
        Assert.Contains("held item(s)", list.Output);
        var json = await reviewer.RunAsync("review", "list", "--json", "--state", "waiting", "--inquirer", Mito);
        using (var page = JsonDocument.Parse(json.Output))
        {
            var held = page.RootElement.GetProperty("held").EnumerateArray().Single(h => h.GetProperty("heldId").GetString() == heldId);
            Assert.Equal((inquiryId, Mito, "HELD_STATE_WAITING", "HOLD_FLAG_PERSON"), (held.GetProperty("inquiryId").GetString(),
                held.GetProperty("inquirerInstitutionCode").GetString(), held.GetProperty("state").GetString(),
                held.GetProperty("holdReason").GetString()));
        }
        var elsewhere = await reviewer.RunAsync("review", "list", "--json", "--inquirer", "1000082020000000");
        Assert.True(elsewhere.ExitCode == ExitCodes.Ok, elsewhere.ToString());
        Assert.DoesNotContain(heldId, elsewhere.Output);

        var show = await reviewer.RunAsync("review", "show", heldId);
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains(Affair, show.Output);
        Assert.Contains(Procedure, show.Output);
        Assert.Contains(heldId, show.Output);
        Assert.Contains("no decisions yet", show.Output);
        Assert.DoesNotContain("158.2", show.Output);

        var preview = await reviewer.RunAsync("review", "preview", heldId);
        Assert.True(preview.ExitCode == ExitCodes.Ok, preview.ToString());
        Assert.Contains("158.2", preview.Output);
        Assert.Contains("1 record(s)", preview.Output);

        var approve = await reviewer.RunAsync("review", "approve", heldId, "--comment", "checked the support measure register");
        Assert.True(approve.ExitCode == ExitCodes.Ok, approve.ToString());
        Assert.EndsWith("approved", approve.Output.TrimEnd());
        Assert.Contains("approve", approve.Output);

        var ready = await fixture.PendingResultAsync(inquiryId);
        Assert.Equal(inquiryId, ready.InquiryId);
        // Mito's back office picks it up with the CLI too.
        string[] mito = ["--gateway", fixture.Network.MitoGateway.Address, "--cert",
            Path.Combine(fixture.Network.Pki.Folder, $"{Roles.HealthSystem}-{TestNetwork.Mito}")];
        var waiting = await CliRun.RunAsync(["result", .. mito]);
        Assert.True(waiting.ExitCode == ExitCodes.Ok, waiting.ToString());
        Assert.Contains($"{inquiryId}: Provided", waiting.Output);
        var picked = await CliRun.RunAsync(["result", inquiryId, .. mito]);
        Assert.Contains("158.2", picked.Output);
        var result = await fixture.Mito.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = inquiryId });
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal("158.2", Assert.Single(result.Records).Items[0].Value);

        var again = await reviewer.RunAsync("review", "approve", heldId);
        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        Assert.StartsWith("FailedPrecondition HELD_ALREADY_DECIDED: ", again.Error);
        Assert.Equal("", again.Output);

        var decided = await reviewer.RunAsync("review", "list", "--json", "--state", "approved");
        using var approved = JsonDocument.Parse(decided.Output);
        var item = approved.RootElement.GetProperty("held").EnumerateArray().Single(h => h.GetProperty("heldId").GetString() == heldId);
        Assert.Equal("HELD_STATE_APPROVED", item.GetProperty("state").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_decline_takes_a_reason_from_the_list_and_other_needs_its_text()
    {
        var (inquiryId, heldId) = await fixture.HeldInquiryAsync();
        var reviewer = fixture.Reviewer;

        var missing = await reviewer.RunAsync("review", "decline", heldId);
        Assert.True(missing.ExitCode == ExitCodes.Usage, missing.ToString());
        Assert.Contains("--reason", missing.Error);
        var unknown = await reviewer.RunAsync("review", "decline", heldId, "--reason", "dislike");
        Assert.True(unknown.ExitCode == ExitCodes.Usage, unknown.ToString());
        Assert.Contains("dislike", unknown.Error);
        var other = await reviewer.RunAsync("review", "decline", heldId, "--reason", "other");
        Assert.True(other.ExitCode == ExitCodes.Refused, other.ToString());
        Assert.StartsWith("InvalidArgument MISSING_FIELD: ", other.Error);

        var decline = await reviewer.RunAsync("review", "decline", heldId, "--reason", "support-measure", "--json");
        Assert.True(decline.ExitCode == ExitCodes.Ok, decline.ToString());
        using (var detail = JsonDocument.Parse(decline.Output))
            Assert.Equal("HELD_STATE_DECLINED", detail.RootElement.GetProperty("summary").GetProperty("state").GetString());

        Assert.Equal(inquiryId, (await fixture.PendingResultAsync(inquiryId)).InquiryId);
        var result = await fixture.Mito.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = inquiryId });
        Assert.Equal((ProvisionOutcome.NotProvided, "DECLINED_SUPPORT_MEASURE"), (result.Outcome, result.NotProvidedReason));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_administrator_extends_a_deadline_and_lists_the_jobs_a_reviewer_may_not()
    {
        var (_, heldId) = await fixture.HeldInquiryAsync();
        var admin = fixture.Administrator;

        var extend = await admin.RunAsync("review", "extend", heldId, "--deadline", "2099-01-31T09:00:00+09:00", "--reason", "asked the inquirer");
        Assert.True(extend.ExitCode == ExitCodes.Ok, extend.ToString());
        Assert.Contains("2099-01-31 00:00:00Z", extend.Output);
        var show = await fixture.Reviewer.RunAsync("review", "show", heldId, "--json");
        using (var detail = JsonDocument.Parse(show.Output))
        {
            Assert.Equal("2099-01-31T00:00:00Z", detail.RootElement.GetProperty("summary").GetProperty("deadline").GetString());
            Assert.Contains(detail.RootElement.GetProperty("history").EnumerateArray(), d => d.GetProperty("decision").GetString() == "extend");
        }
        var unreasoned = await admin.RunAsync("review", "extend", heldId, "--deadline", "2099-02-01");
        Assert.True(unreasoned.ExitCode == ExitCodes.Usage, unreasoned.ToString());

        var jobs = await admin.RunAsync("jobs", "--json");
        Assert.True(jobs.ExitCode == ExitCodes.Ok, jobs.ToString());
        using (var listed = JsonDocument.Parse(jobs.Output))
        {
            var outbox = listed.RootElement.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("name").GetString() == "answer-outbox");
            Assert.Equal("JOB_OUTCOME_OK", outbox.GetProperty("outcome").GetString());
            Assert.Equal(0, outbox.GetProperty("consecutiveFailures").GetInt32());
            Assert.Equal(JsonValueKind.String, outbox.GetProperty("nextRun").ValueKind);
            Assert.Equal(JsonValueKind.String, outbox.GetProperty("lastSuccess").ValueKind);
            Assert.Equal(JsonValueKind.String, outbox.GetProperty("duration").ValueKind);
            Assert.Equal(JsonValueKind.Number, listed.RootElement.GetProperty("pendingDeliveries").ValueKind);
            Assert.Equal(JsonValueKind.Array, listed.RootElement.GetProperty("parked").ValueKind);
        }
        var table = await admin.RunAsync("jobs");
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Contains("Next run", table.Output);
        var outboxRow = Assert.Single(table.Output.Split('\n'), line => line.Contains("answer-outbox", StringComparison.Ordinal));
        Assert.Contains(" ok ", outboxRow);
        Assert.Contains(" ms ", outboxRow);
        Assert.Contains("pending deliveries", table.Output);

        var notParked = await admin.RunAsync("jobs", "retry", heldId);
        Assert.True(notParked.ExitCode == ExitCodes.Refused, notParked.ToString());
        Assert.StartsWith("FailedPrecondition DELIVERY_NOT_PARKED: ", notParked.Error);

        var reviewerJobs = await fixture.Reviewer.RunAsync("jobs");
        Assert.True(reviewerJobs.ExitCode == ExitCodes.Refused, reviewerJobs.ToString());
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", reviewerJobs.Error);
    }
}
