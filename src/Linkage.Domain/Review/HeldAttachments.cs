using Linkage.Domain.Records;

namespace Linkage.Domain.Review;

/// <summary>A new held response, written with the record that says the answer was held.</summary>
public sealed record HeldCreated(HeldResponse Held) : RecordAttachment;

/// <summary>
/// A decision on a held response, written with its record: the held response moves from <see cref="From"/> to
/// <see cref="To"/> (refused when it is no longer in <see cref="From"/>: someone decided first), the step joins its
/// history, and a final decision's answer joins the outbox.
/// </summary>
public sealed record HeldDecided(string PermitId, HeldState From, HeldState To, ReviewEntry Step, OutgoingAnswer? Answer) : RecordAttachment;
