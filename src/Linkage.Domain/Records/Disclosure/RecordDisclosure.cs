using Linkage.Domain.Chains;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Records.Disclosure;

/// <summary>
/// Disclosure of the provision records to the person concerned (本人開示), for a period, in words they understand; and
/// the non-disclosure marks (不開示) that leave a record out of it. Auditors see marked records with their mark.
/// </summary>
public sealed class RecordDisclosure(IRecordReader records, INonDisclosureMarks marks, IPermittedListSource lists, TimeProvider clock)
{
    private const int MaxReasonLength = 500;

    /// <param name="from">YYYY-MM-DD in Japan, inclusive; empty: from the oldest record kept.</param>
    /// <param name="to">YYYY-MM-DD in Japan, inclusive; empty: today.</param>
    public async Task<IReadOnlyList<DisclosedExchange>> DiscloseAsync(Caller caller, string person, string informationName, string from,
        string to, CancellationToken ct)
    {
        var who = InternalAddressNumber.Parse(person);
        var first = JapanDate.ParseDay(from, "from_date");
        var last = JapanDate.ParseDay(to, "to_date") ?? JapanDate.Of(clock.GetUtcNow());
        if (last < first)
            throw DomainException.InvalidField("to_date", ErrorReasons.PeriodInverted, "The period ends before it begins.");

        var found = await records.ListForPersonAsync(who, caller.InformationNamesFor(informationName), ct,
            first is { } day ? JapanDate.StartOf(day) : null, last == DateOnly.MaxValue ? null : JapanDate.StartOf(last.AddDays(1)));
        var marked = await marks.MarksOfAsync(found.Select(r => r.Position).ToList(), ct);
        var auditor = caller.Roles.Contains(Roles.Auditor);
        var directory = lists.Current?.Directory ?? NetworkDirectory.Empty;
        return found
            .Where(r => auditor || !marked.ContainsKey(r.Position))
            .Select(r => Disclosed(r.Position, r.Entry, directory, marked.GetValueOrDefault(r.Position)?.Reason))
            .ToList();
    }

    /// <summary>
    /// Leaves record <paramref name="sequence"/> of <paramref name="node"/>'s chain out of disclosure from now on, for
    /// <paramref name="reason"/>. The node is never assumed: every node's chain has a record 1, and marking the wrong
    /// one would show the record that was to be withheld.
    /// </summary>
    public async Task<NonDisclosureMark> MarkAsync(Caller caller, string node, long sequence, string reason, CancellationToken ct)
    {
        var chain = NodeName.Parse(node, "node");
        if (sequence <= 0)
            throw DomainException.InvalidField("sequence", ErrorReasons.InvalidArgument, "A record's sequence number is positive.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw DomainException.InvalidField("reason", ErrorReasons.MissingField, $"A reason of 1 to {MaxReasonLength} characters is required.");
        var now = clock.GetUtcNow();
        var mark = new NonDisclosureMark(new ChainPosition(chain, sequence), reason.Trim(), caller.Id, now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)));
        if (!await marks.MarkAsync(mark, ct))
            throw new DomainException(ErrorKind.NotFound, ErrorReasons.RecordNotFound, "No provision record of this node has this sequence number.");
        return mark;
    }

    private static DisclosedExchange Disclosed(ChainPosition record, ProvisionRecordEntry e, NetworkDirectory directory, string? mark)
    {
        var other = e.Direction == RecordDirection.Incoming ? e.InquirerInstitution : e.ProviderInstitution;
        var otherName = directory.NameOf(other);
        var name = InformationNames.All.FirstOrDefault(n => n.Code.Value == e.InformationName)?.Name ?? "";
        return new DisclosedExchange(record, JapanDate.Of(e.RecordedAt), e.Direction, other, otherName, e.InformationName, name,
            e.Affair, directory.NameOf(e.Affair), e.LegalBasis, e.Outcome, e.Reason, DisclosureWording.Outcome(e.Direction, e.Outcome, e.Reason),
            DisclosureWording.Summary(e.Direction, otherName.Length > 0 ? otherName : other, name.Length > 0 ? name : e.InformationName), mark);
    }
}
