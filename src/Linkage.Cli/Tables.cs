using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>The tables the commands print for people; every cell is plain text (never read as Spectre markup).</summary>
public static class Tables
{
    public static Table Of(params string[] columns) => new Table().AddColumns(columns);

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(cell => new Text(cell ?? "")).ToArray<Spectre.Console.Rendering.IRenderable>());

    /// <summary>UTC, to the second; empty when unset.</summary>
    public static string Time(Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Names(IEnumerable<string> informationNames) =>
        informationNames.Any() ? string.Join(' ', informationNames) : "all";

    public static Table Staff(IEnumerable<StaffMemberView> staff)
    {
        var table = Of("Staff id", "Name", "Roles", "Information names", "Valid from", "Valid to", "Status", "Certificates (SHA-256)");
        foreach (var s in staff)
            table.Row(s.StaffId, s.Name, string.Join(' ', s.Roles), Names(s.InformationNameCodes), Time(s.ValidFrom), Time(s.ValidTo),
                Status(s.DeactivatedAt, s.DeactivationReason), Certificates(s.Certificates));
        return table;
    }

    public static Table Systems(IEnumerable<ConnectedSystemView> systems)
    {
        var table = Of("System id", "Name", "Role", "Status", "Certificates (SHA-256)");
        foreach (var s in systems)
            table.Row(s.SystemId, s.Name, s.Role, Status(s.DeactivatedAt, ""), Certificates(s.Certificates));
        return table;
    }

    public static Table Certificate(CertificateBindingView c)
    {
        var table = Of("SHA-256", "Subject", "Serial", "Not after", "Bound at", "Unbound at");
        table.Row(c.ThumbprintSha256, c.Subject, c.SerialNumber, Time(c.NotAfter), Time(c.BoundAt), Time(c.UnboundAt));
        return table;
    }

    public static Table Records(IEnumerable<ProvisionRecordView> records)
    {
        var table = Of("Node", "Seq", "Recorded at", "Direction", "Inquirer", "Provider", "Information", "Outcome", "Reason");
        foreach (var r in records)
            table.Row(r.Node, $"{r.Sequence}", Time(r.RecordedAt), $"{r.Direction}", r.InquirerInstitutionCode, r.ProviderInstitutionCode,
                r.InformationNameCode, $"{r.Outcome}", r.Reason);
        return table;
    }

    public static Table Disclosure(IEnumerable<DisclosedExchange> exchanges)
    {
        var table = Of("Node", "Seq", "日付", "相手機関", "情報名", "結果", "不開示");
        foreach (var e in exchanges)
            table.Row(e.Node, $"{e.Sequence}", $"{e.DateInWords}\n{e.DateInEra}", $"{e.OtherInstitutionName}\n{e.OtherInstitutionCode}",
                $"{e.InformationName}\n{e.InformationNameCode}", $"{e.OutcomeInWords}\n{e.Reason}".TrimEnd(), e.NonDisclosureReason);
        return table;
    }

    private static string Status(Timestamp? deactivatedAt, string reason) =>
        deactivatedAt is null ? "active" : $"deactivated {Time(deactivatedAt)}{(reason.Length > 0 ? $": {reason}" : "")}";

    /// <summary>Full thumbprints, one a line: the one to unbind is copied from here.</summary>
    private static string Certificates(IEnumerable<CertificateBindingView> certificates) =>
        string.Join('\n', certificates.Select(c => c.ThumbprintSha256 + (c.UnboundAt is null ? "" : " (unbound)")));
}
