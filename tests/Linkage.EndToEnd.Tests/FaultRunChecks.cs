using Linkage.Contracts.V1;
using Linkage.Network.Sim.Faults;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The promises a run under faults must keep, each a list of the exchanges that broke it (empty when kept): checked
/// from what the back office saw and from both ends' provision records.
/// </summary>
public static class FaultRunChecks
{
    private const string Replayed = "PERMIT_REPLAYED";

    /// <summary>
    /// Each inquiry ended in one terminal state, and the inquirer's records say the same once: one group of records per
    /// inquiry, in the order asked, each an outcome or "held" then one outcome, the last matching what the back office saw.
    /// </summary>
    public static IEnumerable<string> EveryInquiryEndsOnce(FaultRun run)
    {
        foreach (var end in run.Ends.Where(e => e.State.StartsWith("held, never", StringComparison.Ordinal) || e.State.StartsWith("no terminal", StringComparison.Ordinal)))
            yield return $"inquiry {end.Ordinal}: {end.State}";
        var groups = InquirerGroups(run);
        if (groups.Count != run.Ends.Count)
            yield return $"{run.Ends.Count} inquiries asked, the inquirer recorded {groups.Count}";
        foreach (var (end, records) in run.Ends.Zip(groups))
        {
            var shape = records.Select(r => r.Outcome).ToList();
            if (!(shape.Count == 1 && shape[0] != ProvisionOutcome.Held || shape.Count == 2 && shape[0] == ProvisionOutcome.Held && shape[1] != ProvisionOutcome.Held))
                yield return $"inquiry {end.Ordinal}: recorded as {string.Join(", ", shape)}";
            if (end.InquiryId is { } id && records[0].InquiryId != id)
                yield return $"inquiry {end.Ordinal}: the records in its place are of another inquiry";
            var last = records[^1];
            var recorded = last.Outcome == ProvisionOutcome.Provided ? "provided" : "not provided " + last.Reason;
            if (!end.State.EndsWith(end.Failed ? last.Reason : recorded, StringComparison.Ordinal))
                yield return $"inquiry {end.Ordinal}: ended {end.State}, recorded {recorded}";
        }
    }

    /// <summary>
    /// The provider accepted each permit once: every other use of it was refused as a replay, and every duplicate the
    /// hub sent of a relayed inquiry met such a refusal.
    /// </summary>
    public static IEnumerable<string> NoPermitAcceptedTwice(FaultRun run)
    {
        foreach (var permit in run.ProviderRecords.Where(r => r.Reason != Replayed).GroupBy(r => r.PermitId))
        {
            var shape = permit.Select(r => r.Outcome).ToList();
            // Accepted once: an outcome, or held and later the reviewer's decision.
            if (!(shape.Count == 1 || shape.Count == 2 && shape[0] == ProvisionOutcome.Held && shape[1] != ProvisionOutcome.Held))
                yield return $"permit {permit.Key}: accepted as {string.Join(", ", shape)}";
        }
        var accepted = run.ProviderRecords.Where(r => r.Reason != Replayed).Select(r => r.PermitId).ToHashSet(StringComparer.Ordinal);
        var replays = run.ProviderRecords.Where(r => r.Reason == Replayed).ToList();
        foreach (var replay in replays.Where(r => !accepted.Contains(r.PermitId)))
            yield return $"permit {replay.PermitId}: refused as a replay but never accepted";
        var duplicates = run.Decisions.Count(d => d is { Stage: FaultStage.RelayInquiry, Kind: FaultKind.Duplicate });
        if (replays.Count != duplicates)
            yield return $"the hub sent {duplicates} relayed inquiries twice; the provider refused {replays.Count} as replays";
    }

    /// <summary>
    /// The back office got each held answer once: listed once while waiting, never again once picked up, and recorded
    /// once (by <see cref="EveryInquiryEndsOnce"/>, which allows one outcome after "held").
    /// </summary>
    public static IEnumerable<string> NoHeldAnswerDeliveredTwice(FaultRun run)
    {
        foreach (var twice in run.PendingBeforePickUp.GroupBy(id => id).Where(g => g.Count() > 1))
            yield return $"inquiry {twice.Key} listed {twice.Count()} times as waiting";
        foreach (var again in run.PendingAfterPickUp)
            yield return $"inquiry {again} still listed as waiting after it was picked up";
        var delivered = run.Ends.Where(e => e.State.StartsWith("held, then", StringComparison.Ordinal)).Select(e => e.InquiryId!).ToHashSet();
        if (!delivered.SetEquals(run.PendingBeforePickUp))
            yield return $"{delivered.Count} held answers were delivered, {run.PendingBeforePickUp.Count} were listed as waiting";
    }

    /// <summary>
    /// Both ends recorded every exchange that reached the provider under the same permit, inquiry, institutions, affair,
    /// procedure, information name and legal basis; and where the provider's answer reached the inquirer, with the same
    /// outcome. An answer lost on the way back leaves the inquirer's record at the failure it saw (its only knowledge).
    /// </summary>
    public static IEnumerable<string> RecordsOfBothEndsAgree(FaultRun run)
    {
        var inquirer = InquirerGroups(run).Zip(run.Ends).Where(g => g.First[^1].PermitId.Length > 0).ToDictionary(g => g.First[^1].PermitId, g => (Records: g.First, End: g.Second));
        foreach (var permit in run.ProviderRecords.Where(r => r.Reason != Replayed).GroupBy(r => r.PermitId))
        {
            var provided = permit.ToList();
            if (!inquirer.TryGetValue(permit.Key, out var asked))
            {
                yield return $"permit {permit.Key}: recorded by the provider only";
                continue;
            }
            var (first, last) = (provided[0], asked.Records[^1]);
            if ((first.InquiryId, first.InquirerInstitutionCode, first.ProviderInstitutionCode, first.AffairCode, first.ProcedureCode,
                    first.InformationNameCode, first.LegalBasis) != (last.InquiryId, last.InquirerInstitutionCode, last.ProviderInstitutionCode,
                    last.AffairCode, last.ProcedureCode, last.InformationNameCode, last.LegalBasis))
                yield return $"permit {permit.Key}: the two ends recorded different exchanges";
            if (asked.End.Failed) continue;
            var (providerSaid, inquirerSaid) = (Outcomes(provided), Outcomes(asked.Records));
            if (providerSaid != inquirerSaid) yield return $"permit {permit.Key}: the provider recorded {providerSaid}, the inquirer {inquirerSaid}";
        }
        var reached = run.ProviderRecords.Select(r => r.PermitId).ToHashSet(StringComparer.Ordinal);
        foreach (var (permitId, asked) in inquirer.Where(i => !i.Value.End.Failed && !reached.Contains(i.Key)))
            yield return $"inquiry {asked.End.Ordinal}: answered ({asked.End.State}) under permit {permitId}, which the provider never recorded";
    }

    /// <summary>Exchanges the provider recorded whose answer did not reach the inquirer (it saw a failure instead).</summary>
    public static int AnswersLostOnTheWayBack(FaultRun run)
    {
        var reached = run.ProviderRecords.Select(r => r.PermitId).ToHashSet(StringComparer.Ordinal);
        return InquirerGroups(run).Zip(run.Ends).Count(g => g.Second.Failed && reached.Contains(g.First[^1].PermitId));
    }

    private static string Outcomes(IEnumerable<ProvisionRecordView> records) =>
        string.Join(" then ", records.Select(r => r.Outcome == ProvisionOutcome.NotProvided ? $"{r.Outcome} {r.Reason}" : r.Outcome.ToString()));

    /// <summary>The inquirer's records, one group per inquiry, in the order the inquiries were asked.</summary>
    private static List<List<ProvisionRecordView>> InquirerGroups(FaultRun run) =>
        run.InquirerRecords.Where(r => r.Direction == RecordDirection.Outgoing).OrderBy(r => r.Sequence).GroupBy(r => r.InquiryId)
            .Select(g => g.ToList()).ToList();
}
