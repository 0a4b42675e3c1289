using System.Globalization;
using System.Text.Json;
using Linkage.Domain.Staff;

namespace Linkage.Cli.Tests;

/// <summary>tickets register | step | close | show | list, statistics of tickets, and what is refused.</summary>
[Collection(SharedNetwork.Name)]
public sealed class TicketsCommandTests(NetworkFixture fixture)
{
    // Nobody of the shared network's population: tickets change no other test's data, but stay apart all the same.
    private const string Person = "082219999990071";

    [Fact]
    public async Task A_request_is_registered_stepped_closed_shown_and_then_refuses_a_step()
    {
        var reviewer = await fixture.SignedInAsync(Roles.Reviewer);

        var register = await reviewer.RunAsync("tickets", "register", "--kind", "disclosure", "--channel", "counter", "--person", Person,
            "--request", "提供記録の開示", "--agent", "常陸 花子", "--relationship", "任意代理人", "--json");
        Assert.True(register.ExitCode == ExitCodes.Ok, register.ToString());
        string id;
        using (var document = JsonDocument.Parse(register.Output))
        {
            id = document.RootElement.GetProperty("ticketId").GetString()!;
            Assert.Equal("TICKET_KIND_DISCLOSURE", document.RootElement.GetProperty("kind").GetString());
            Assert.True(document.RootElement.GetProperty("byAgent").GetBoolean());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", document.RootElement.GetProperty("dueDate").GetString());
        }

        var step = await reviewer.RunAsync("tickets", "step", id, "--action", "健康推進課へ照会", "--result", "記録あり");
        Assert.True(step.ExitCode == ExitCodes.Ok, step.ToString());
        Assert.Contains("健康推進課へ照会", step.Output);
        var close = await reviewer.RunAsync("tickets", "close", id, "--outcome", "partly-granted", "--action", "開示決定通知書を交付");
        Assert.True(close.ExitCode == ExitCodes.Ok, close.ToString());
        Assert.Contains("closed partly-granted", close.Output);

        var show = await reviewer.RunAsync("tickets", "show", id);
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains("提供記録の開示", show.Output);
        Assert.Contains("agent: 常陸 花子 (任意代理人)", show.Output);
        Assert.Contains("partly-granted", Assert.Single(show.Output.Split('\n'), line => line.Contains("開示決定通知書を交付", StringComparison.Ordinal)));

        var again = await reviewer.RunAsync("tickets", "step", id, "--action", "追記");
        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        Assert.StartsWith("FailedPrecondition TICKET_CLOSED: ", again.Error);

        var closed = await reviewer.RunAsync("tickets", "list", "--state", "closed", "--person", Person);
        var row = Assert.Single(closed.Output.Split('\n'), line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains("disclosure", row);
        Assert.DoesNotContain("提供記録の開示", closed.Output); // what was asked is shown one ticket at a time
    }

    [Fact]
    public async Task An_overdue_request_is_listed_first_marked_and_counted_in_the_statistics()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var received = DateTimeOffset.UtcNow.AddDays(-40).ToString("O", CultureInfo.InvariantCulture);
        var register = await admin.RunAsync("tickets", "register", "--kind", "suspension", "--channel", "post", "--person", Person,
            "--request", "目的外利用の中止", "--received-at", received, "--json");
        Assert.True(register.ExitCode == ExitCodes.Ok, register.ToString());
        using var document = JsonDocument.Parse(register.Output);
        var id = document.RootElement.GetProperty("ticketId").GetString()!;

        var list = await admin.RunAsync("tickets", "list", "--overdue", "--kind", "suspension");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        Assert.Contains("OVERDUE", Assert.Single(list.Output.Split('\n'), line => line.Contains(id, StringComparison.Ordinal)));

        var stats = await admin.RunAsync("stats", "--json");
        using var json = JsonDocument.Parse(stats.Output);
        var suspension = json.RootElement.GetProperty("tickets").GetProperty("byKind").EnumerateArray()
            .Single(k => k.GetProperty("kind").GetString() == "TICKET_KIND_SUSPENSION");
        Assert.True(suspension.GetProperty("overdue").GetInt32() >= 1, stats.Output);
        var table = await admin.RunAsync("stats");
        Assert.Contains("Overdue", table.Output);
        Assert.Single(table.Output.Split('\n'), line => line.Contains("suspension", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_refused_by_the_gateway_or_the_command_line_and_an_auditor_may_not_register()
    {
        var reviewer = await fixture.SignedInAsync(Roles.Reviewer);
        var auditor = await fixture.SignedInAsync(Roles.Auditor);

        var malformed = await reviewer.RunAsync("tickets", "register", "--kind", "correction", "--channel", "post", "--person", "12345", "--request", "x");
        var noPerson = await reviewer.RunAsync("tickets", "register", "--kind", "deletion", "--channel", "post", "--request", "x");
        var unknownKind = await reviewer.RunAsync("tickets", "register", "--kind", "complaint", "--channel", "post", "--request", "x");
        var unknownTicket = await reviewer.RunAsync("tickets", "show", "tk-nosuchticket");
        var enquiryRun = await reviewer.RunAsync("tickets", "register", "--kind", "enquiry", "--channel", "electronic", "--request", "保存期間は",
            "--json");
        using var enquiry = JsonDocument.Parse(enquiryRun.Output);
        var granted = await reviewer.RunAsync("tickets", "close", enquiry.RootElement.GetProperty("ticketId").GetString()!, "--outcome", "granted",
            "--action", "回答");
        var byAuditor = await auditor.RunAsync("tickets", "register", "--kind", "enquiry", "--channel", "counter", "--request", "x");

        Assert.StartsWith("InvalidArgument MALFORMED_CODE: ", malformed.Error);
        Assert.StartsWith("InvalidArgument MISSING_FIELD: A request names the person", noPerson.Error);
        Assert.True(unknownKind.ExitCode == ExitCodes.Usage, unknownKind.ToString());
        Assert.StartsWith("NotFound TICKET_NOT_FOUND: ", unknownTicket.Error);
        Assert.StartsWith("InvalidArgument INVALID_ARGUMENT: An enquiry ends answered", granted.Error);
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", byAuditor.Error);
        Assert.Equal(ExitCodes.Ok, (await auditor.RunAsync("tickets", "list")).ExitCode);
    }
}
