using System.Net;
using System.Text.RegularExpressions;
using Linkage.Contracts.V1;
using Roles = Linkage.Domain.Staff.Roles;

namespace Linkage.Console.Tests;

/// <summary>本人からの請求・問合せ over HTTPS: a request received, handled in steps, closed; an auditor reads but does not write.</summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed partial class ConsoleTicketTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task A_reviewer_registers_a_disclosure_request_records_a_step_and_closes_it_and_the_log_keeps_no_request_text()
    {
        var person = fixture.Network.Population.InternalAddressNumberOf(81, Testing.TestNetwork.HitachinakaPrefix);
        using var console = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await console.SignInAsync();
        using var registered = await console.PostFormAsync("/tickets", "/tickets?handler=Register", new Dictionary<string, string>
        {
            ["kind"] = ((int)TicketKind.Disclosure).ToString(), ["channel"] = ((int)TicketChannel.Counter).ToString(),
            ["person"] = person, ["text"] = "自分の情報提供等記録を見たい",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var location = registered.Headers.Location!.OriginalString;
        var ticketId = TicketPath().Match(location).Groups[1].Value;
        var detail = await console.GetTextAsync(location);
        Assert.Contains("開示請求", detail);
        Assert.Contains("処理中", detail);
        Assert.Contains(ticketId, await console.GetTextAsync("/tickets"));

        using var closed = await console.PostFormAsync($"/tickets/{ticketId}", $"/tickets/{ticketId}?handler=Step", new Dictionary<string, string>
        {
            ["action"] = "記録を印刷して交付", ["result"] = "交付済み", ["outcome"] = ((int)TicketOutcome.Granted).ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("完了：決定（全部）", await console.GetTextAsync($"/tickets/{ticketId}"));

        var entries = await fixture.OperationsAsync("/linkage.v1.Tickets/RegisterTicket");
        var entry = entries.Single(o => o.Target.Contains($"ticket:{ticketId}"));
        Assert.Contains($"person:{person}", entry.Target);
        Assert.DoesNotContain("見たい", entry.Target);
    }

    [Fact]
    public async Task An_auditor_reads_the_tickets_but_cannot_register_one()
    {
        using var auditor = ConsoleClient.Of(fixture.Network, Roles.Auditor);
        await auditor.SignInAsync();
        var list = await auditor.GetTextAsync("/tickets");
        Assert.DoesNotContain("id=\"register-ticket\"", list);
        using var refused = await auditor.PostFormAsync("/tickets", "/tickets?handler=Register", new Dictionary<string, string>
        {
            ["kind"] = ((int)TicketKind.Enquiry).ToString(), ["channel"] = "1", ["text"] = "問合せ",
        });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [GeneratedRegex("^/tickets/([^?]+)\\?")]
    private static partial Regex TicketPath();
}
