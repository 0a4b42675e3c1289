using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>The tables of review and jobs: held items, their context and history, the answer preview, the background jobs.</summary>
public static class ReviewTables
{
    /// <summary>The states as the command line names them (--state).</summary>
    public static readonly IReadOnlyDictionary<string, HeldState> States = new Dictionary<string, HeldState>(StringComparer.Ordinal)
    {
        ["waiting"] = HeldState.Waiting,
        ["first-approval"] = HeldState.FirstApproval,
        ["approved"] = HeldState.Approved,
        ["declined"] = HeldState.Declined,
    };

    /// <summary>The decline reasons as the command line names them (decline --reason).</summary>
    public static readonly IReadOnlyDictionary<string, DeclineReason> DeclineReasons = new Dictionary<string, DeclineReason>(StringComparer.Ordinal)
    {
        ["support-measure"] = DeclineReason.SupportMeasure,
        ["no-data"] = DeclineReason.NoData,
        ["other"] = DeclineReason.Other,
    };

    public static Table Held(IEnumerable<HeldSummary> held)
    {
        var table = Tables.Of("Held id", "Inquiry", "Inquirer", "Information name", "Hold reason", "Received", "Deadline", "Escalated", "State",
            "Two-person", "Delivery");
        // The ids are copied from here into show, approve and decline: never broken over two lines.
        table.Columns[0].NoWrap();
        table.Columns[1].NoWrap();
        foreach (var h in held)
            table.Row(h.HeldId, h.InquiryId, h.InquirerInstitutionCode, h.InformationNameCode, h.HoldReason, Tables.Time(h.ReceivedAt),
                Tables.Time(h.Deadline), h.Escalated ? "ESCALATED" : "", State(h.State), h.TwoPerson ? "yes" : "", Delivery(h.Delivery));
        return table;
    }

    /// <summary>What the reviewer decides on: who asks, for what and on which legal basis.</summary>
    public static Table Context(HeldDetail detail)
    {
        var table = Tables.Of("Context", "");
        table.Row("Inquirer", $"{detail.Summary?.InquirerInstitutionCode} {detail.InquirerInstitutionName}".Trim());
        table.Row("Affair", $"{detail.AffairCode} {detail.AffairName}".Trim());
        table.Row("Procedure", detail.ProcedureCode);
        table.Row("Legal basis", detail.LegalBasis);
        return table;
    }

    public static Table History(IEnumerable<ReviewDecisionView> history)
    {
        var table = Tables.Of("At", "Staff id", "Decision", "Reason");
        foreach (var d in history)
            table.Row(Tables.Time(d.At), d.StaffId, d.Decision, d.Reason);
        return table;
    }

    public static Table Preview(AnswerPreview preview)
    {
        var table = Tables.Of("Record key", "Version", "Item", "Value");
        foreach (var record in preview.Records)
            foreach (var item in record.Items)
                table.Row(record.RecordKey, $"{record.Version}", item.ItemCode, item.Value);
        return table;
    }

    public static Table Jobs(ListJobsResponse response)
    {
        var table = Tables.Of("Job", "State", "Outcome", "Last run", "Took", "Next run", "Last success", "Failures", "Detail");
        foreach (var j in response.Jobs)
            table.Row(j.Name, j.State, Outcome(j), Tables.Time(j.LastRun), Took(j.Duration), Tables.Time(j.NextRun), Tables.Time(j.LastSuccess),
                j.ConsecutiveFailures > 0 ? $"{j.ConsecutiveFailures}" : "", j.Detail);
        return table;
    }

    private static string Outcome(JobView job) => job.Outcome switch
    {
        JobOutcome.Ok => "ok",
        JobOutcome.Failed => $"FAILED {job.Reason}",
        _ => "",
    };

    private static string Took(Google.Protobuf.WellKnownTypes.Duration? duration) =>
        duration is null ? "" : $"{duration.ToTimeSpan().TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    public static Table Parked(IEnumerable<ParkedDelivery> parked)
    {
        var table = Tables.Of("Held id", "Attempts", "Last error", "Parked at");
        foreach (var p in parked)
            table.Row(p.HeldId, $"{p.Attempts}", p.LastError, Tables.Time(p.ParkedAt));
        return table;
    }

    /// <summary>The sentence an approval or a decline ends with.</summary>
    public static string Outcome(HeldDetail detail) => detail.Summary?.State switch
    {
        HeldState.FirstApproval => "first approval recorded; a second reviewer must approve",
        HeldState.Approved => "approved",
        HeldState.Declined => "declined",
        var other => State(other ?? HeldState.Unspecified),
    };

    public static string State(HeldState state) =>
        States.FirstOrDefault(s => s.Value == state).Key ?? "";

    private static string Delivery(DeliveryState delivery) => delivery switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Delivered => "delivered",
        DeliveryState.Parked => "parked",
        _ => "",
    };
}
