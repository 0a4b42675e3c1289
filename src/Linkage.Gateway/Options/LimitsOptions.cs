using System.ComponentModel.DataAnnotations;
using Linkage.Domain.Answers;
using Linkage.Domain.Copies.Batches;
using Linkage.Transport;

namespace Linkage.Gateway.Options;

/// <summary>
/// What one caller may take of the gateway (section "Limits"), bound once and validated on start. The defaults leave
/// the speed bars' loads untouched: the hub's rate is over three times the provision benchmark's (13,000 calls/s on two
/// cores), and a batch stream holds twice the bulk benchmark's million copies. RELIABILITY.md, "Resource bounds".
/// </summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string Section = "Limits";

    /// <summary>Messages one RegisterCopies stream may carry; the next is refused with BATCH_TOO_LARGE.</summary>
    [Range(1, 100_000_000)] public int CopiesPerBatchStream { get; set; } = CopyBatchLimits.Default.CopiesPerStream;

    /// <summary>RegisterCopies streams one caller may have open at once; the next is refused with TOO_MANY_BATCHES.</summary>
    [Range(1, 64)] public int ConcurrentBatchesPerCaller { get; set; } = CopyBatchLimits.Default.ConcurrentBatchesPerCaller;

    /// <summary>The memory of one batch's duplicate check (16 bytes a slot, at most three quarters used); past it, DUPLICATE_CHECK_FULL.</summary>
    [Range(64L * 1024, 16L * 1024 * 1024 * 1024)] public long DuplicateCheckBytes { get; set; } = CopyBatchLimits.Default.DuplicateCheckBytes;

    /// <summary>The largest sealed answer sent; a larger one is not provided, ANSWER_TOO_LARGE.</summary>
    [Range(1024, MutualTlsChannel.MaxMessageBytes / 2)] public int AnswerBytes { get; set; } = AnswerSizeCap.DefaultBytes;

    /// <summary>The hub's calls per second to this gateway (one caller for every institution that inquires here).</summary>
    [Range(1, 10_000_000)] public int HubCallsPerSecond { get; set; } = 50_000;

    /// <summary>How many of the hub's calls may come at once beyond its rate.</summary>
    [Range(1, 10_000_000)] public int HubBurst { get; set; } = 50_000;

    /// <summary>Calls per second of every other caller (a back-office system, a staff member, an unregistered certificate), each on its own.</summary>
    [Range(1, 10_000_000)] public int CallerCallsPerSecond { get; set; } = 2_000;

    /// <summary>How many calls such a caller may make at once beyond its rate.</summary>
    [Range(1, 10_000_000)] public int CallerBurst { get; set; } = 4_000;

    public CopyBatchLimits ToCopyBatchLimits() => new(CopiesPerBatchStream, ConcurrentBatchesPerCaller, DuplicateCheckBytes);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HubBurst < HubCallsPerSecond / 10)
            yield return new ValidationResult("Limits:HubBurst must hold at least a tenth of a second of HubCallsPerSecond.", [nameof(HubBurst)]);
        if (CallerBurst < CallerCallsPerSecond / 10)
            yield return new ValidationResult("Limits:CallerBurst must hold at least a tenth of a second of CallerCallsPerSecond.", [nameof(CallerBurst)]);
    }
}
