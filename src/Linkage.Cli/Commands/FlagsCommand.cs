using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Spectre.Console;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>flags list | set | clear: hold flags (自動応答不可フラグ) of the gateway's institution (administrator).</summary>
public static class FlagsCommand
{
    /// <summary>The reasons by the names an operator types; the health management system's simulator takes the same.</summary>
    public static readonly IReadOnlyDictionary<string, HoldFlagReason> Reasons = new Dictionary<string, HoldFlagReason>(StringComparer.Ordinal)
    {
        ["support-measure"] = HoldFlagReason.SupportMeasure,
        ["court-order"] = HoldFlagReason.CourtOrder,
        ["data-under-correction"] = HoldFlagReason.DataUnderCorrection,
        ["other"] = HoldFlagReason.Other,
    };

    public static Command Create(Terminal terminal) =>
        new("flags", "Hold flags: answers about a flagged person or information name wait for a reviewer (administrator)")
        {
            List(terminal), Set(terminal), Clear(terminal),
        };

    private static Command List(Terminal terminal)
    {
        var all = new Option<bool>("--all") { Description = "Include the cleared" };
        var person = Person("Only the flags on this person (internal address number, 15 digits)");
        var name = InformationName("Only the flags on this information name (TM + 14 digits)");
        var pageSize = new Option<int>("--page-size") { Description = "How many flags to list (at most 1000)", DefaultValueFactory = _ => 100 };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue after the page that gave this token" };
        return GatewayCommand.Create(terminal, "list", "List the hold flags in force (with --all, the cleared too)",
            [all, person, name, pageSize, pageToken],
            (parsed, channel, ct) => new AdministrationClient(channel).ListHoldFlagsAsync(new ListHoldFlagsRequest
            {
                IncludeCleared = parsed.GetValue(all),
                InternalAddressNumber = parsed.GetValue(person) ?? "",
                InformationNameCode = parsed.GetValue(name) ?? "",
                PageSize = parsed.GetValue(pageSize),
                PageToken = parsed.GetValue(pageToken) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, page) =>
            {
                ansi.Write(Table(page.Flags));
                ansi.WriteLine(page.NextPageToken.Length == 0 ? $"{page.Flags.Count} flag(s)"
                    : $"{page.Flags.Count} flag(s); the next page: --page-token {page.NextPageToken}");
            });
    }

    private static Command Set(Terminal terminal)
    {
        var person = Person("The person's internal address number (15 digits); without it: every person");
        var name = InformationName("The information name (TM + 14 digits); without it: every information name");
        var reason = new Option<string>("--reason") { Description = "Why the answers must wait", Required = true };
        reason.AcceptOnlyFromAmong([.. Reasons.Keys]);
        var text = new Option<string?>("--text") { Description = "A note on the reason (required with --reason other)" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "In force from (ISO 8601; default now)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "In force until (ISO 8601; default until cleared)" };
        return GatewayCommand.Create(terminal, "set", "Set a hold flag on a person, an information name, or the pair",
            [person, name, reason, text, from, to],
            (parsed, channel, ct) => new AdministrationClient(channel).SetHoldFlagAsync(new SetHoldFlagRequest
            {
                InternalAddressNumber = parsed.GetValue(person) ?? "",
                InformationNameCode = parsed.GetValue(name) ?? "",
                Reason = Reasons[parsed.GetValue(reason)!],
                ReasonText = parsed.GetValue(text) ?? "",
                EffectiveFrom = parsed.GetValue(from) is { } start ? Timestamp.FromDateTimeOffset(start) : null,
                EffectiveTo = parsed.GetValue(to) is { } end ? Timestamp.FromDateTimeOffset(end) : null,
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, flag) => ansi.Write(Table([flag])));
    }

    private static Command Clear(Terminal terminal)
    {
        var id = new Argument<string>("FLAG_ID") { Description = "The flag's id (hf-...)" };
        var reason = Reason();
        return GatewayCommand.Create(terminal, "clear", "Clear a hold flag: answers are decided automatically again", [id, reason],
            (parsed, channel, ct) => new AdministrationClient(channel).ClearHoldFlagAsync(
                new ClearHoldFlagRequest { FlagId = parsed.GetValue(id), Reason = parsed.GetValue(reason) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, flag) => ansi.Write(Table([flag])));
    }

    private static Option<string?> Person(string description) => new("--person") { Description = description };

    private static Option<string?> InformationName(string description) => new("--information-name") { Description = description };

    private static Table Table(IEnumerable<HoldFlagView> flags)
    {
        var table = Tables.Of("Flag id", "Person", "Information name", "Reason", "Text", "From", "To", "Set by", "Status");
        foreach (var f in flags)
            table.Row(f.FlagId, f.InternalAddressNumber.Length > 0 ? f.InternalAddressNumber : "every person",
                f.InformationNameCode.Length > 0 ? f.InformationNameCode : "all", ReasonName(f.Reason), f.ReasonText,
                Tables.Time(f.EffectiveFrom), Tables.Time(f.EffectiveTo), f.SetBy,
                f.ClearedAt is null ? "in force" : $"cleared {Tables.Time(f.ClearedAt)} by {f.ClearedBy}: {f.ClearReason}");
        return table;
    }

    private static string ReasonName(HoldFlagReason reason) =>
        Reasons.FirstOrDefault(r => r.Value == reason).Key ?? reason.ToString();
}
