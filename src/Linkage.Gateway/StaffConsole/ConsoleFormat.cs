using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Copies;

namespace Linkage.Gateway.StaffConsole;

/// <summary>Dates and codes as municipal staff read them: 2026年11月28日（令和8年11月28日）in Japan time, names beside codes.</summary>
public static class ConsoleFormat
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public static string Date(Timestamp? at) => at is null ? "—" : Date(at.ToDateTimeOffset());

    public static string Date(DateTimeOffset at)
    {
        var day = JapanDate.Of(at);
        return $"{WarekiDate.Gregorian(day)}（{WarekiDate.Era(day)}）";
    }

    public static string Date(DateOnly day) => $"{WarekiDate.Gregorian(day)}（{WarekiDate.Era(day)}）";

    public static string DateTime(Timestamp? at) => at is null ? "—" : $"{Date(at)} {at.ToDateTimeOffset().ToOffset(Japan):HH:mm}";

    /// <summary>The machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(Timestamp? at) => at?.ToDateTimeOffset().ToOffset(Japan).ToString("yyyy-MM-ddTHH:mm:sszzz") ?? "";

    public static string InformationName(string code) =>
        InformationNames.All.FirstOrDefault(n => n.Code.Value == code) is { } name ? $"{name.Name}（{code}）" : code;

    public static string FlagReason(HoldFlagReason reason) => reason switch
    {
        HoldFlagReason.SupportMeasure => "支援措置（住民基本台帳事務）",
        HoldFlagReason.CourtOrder => "裁判所の命令等",
        HoldFlagReason.DataUnderCorrection => "データ訂正中",
        HoldFlagReason.Other => "その他",
        _ => "—",
    };

    /// <summary>A day entered in a form (yyyy-MM-dd), as the instant it begins in Japan.</summary>
    public static Timestamp? StartOfDay(string? day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", out var parsed) ? Timestamp.FromDateTimeOffset(JapanDate.StartOf(parsed)) : null;

    public static string TicketKind(Contracts.V1.TicketKind kind) => kind switch
    {
        Contracts.V1.TicketKind.Disclosure => "開示請求",
        Contracts.V1.TicketKind.Correction => "訂正請求",
        Contracts.V1.TicketKind.Deletion => "削除請求",
        Contracts.V1.TicketKind.Suspension => "利用停止請求",
        Contracts.V1.TicketKind.Enquiry => "問合せ",
        _ => "—",
    };

    public static string TicketChannel(Contracts.V1.TicketChannel channel) => channel switch
    {
        Contracts.V1.TicketChannel.Counter => "窓口",
        Contracts.V1.TicketChannel.Post => "郵送",
        Contracts.V1.TicketChannel.Electronic => "電子申請",
        _ => "—",
    };

    public static string TicketOutcome(Contracts.V1.TicketOutcome outcome) => outcome switch
    {
        Contracts.V1.TicketOutcome.Granted => "決定（全部）",
        Contracts.V1.TicketOutcome.PartlyGranted => "決定（一部）",
        Contracts.V1.TicketOutcome.NotGranted => "決定しない",
        Contracts.V1.TicketOutcome.Answered => "回答済み",
        Contracts.V1.TicketOutcome.Withdrawn => "取下げ",
        Contracts.V1.TicketOutcome.Transferred => "移送",
        _ => "",
    };

    public static string IsoDay(string isoDay) => DateOnly.TryParseExact(isoDay, "yyyy-MM-dd", out var day) ? Date(day) : "—";

    public static string Role(string role) => role switch
    {
        "reviewer" => "審査担当（reviewer）",
        "administrator" => "管理者（administrator）",
        "auditor" => "監査担当（auditor）",
        _ => role,
    };

    public static string State(HeldState state) => state switch
    {
        HeldState.Waiting => "判断待ち",
        HeldState.FirstApproval => "1人目承認済み（2人目の承認待ち）",
        HeldState.Approved => "承認済み",
        HeldState.Declined => "不提供",
        _ => "—",
    };

    public static string Delivery(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "送信待ち",
        DeliveryState.Delivered => "送信済み",
        DeliveryState.Parked => "送信保留（再送が必要）",
        _ => "—",
    };

    public static string DeclineReason(Contracts.V1.DeclineReason reason) => reason switch
    {
        Contracts.V1.DeclineReason.SupportMeasure => "支援措置による不提供",
        Contracts.V1.DeclineReason.NoData => "該当なし",
        Contracts.V1.DeclineReason.Other => "その他",
        _ => "—",
    };

    public static string Decision(string decision) => decision switch
    {
        "approve" => "承認",
        "decline" => "不提供",
        "extend" => "期限延長",
        _ => decision,
    };
}
