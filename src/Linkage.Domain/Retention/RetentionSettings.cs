namespace Linkage.Domain.Retention;

/// <summary>
/// How long each kind of data is kept before it is erased (消去). Provision records (情報提供等記録) must be kept seven
/// years (番号法 and its order); that is also the least this gateway accepts, for them and for the operation log that
/// shows who looked at them. A setting below its minimum is refused at start, never silently raised.
/// </summary>
public sealed record RetentionSettings(
    TimeSpan ProvisionRecords,
    TimeSpan OperationLog,
    TimeSpan SupersededCopies,
    TimeSpan DecidedHeld,
    TimeSpan PickedUpResults)
{
    /// <summary>Seven years of 365 days and the two leap days they contain at least.</summary>
    public static readonly TimeSpan LegalMinimum = TimeSpan.FromDays(7 * 365 + 2);

    public static readonly RetentionSettings Default = new(LegalMinimum, LegalMinimum, TimeSpan.FromDays(5 * 365 + 1),
        TimeSpan.FromDays(90), TimeSpan.FromDays(30));

    /// <summary>What is wrong with these settings; empty when none.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ProvisionRecords < LegalMinimum)
            problems.Add($"Provision records must be kept at least {LegalMinimum.Days} days (seven years); {ProvisionRecords.Days} is below the legal minimum.");
        if (OperationLog < LegalMinimum)
            problems.Add($"The operation log must be kept at least {LegalMinimum.Days} days (seven years), as long as the records it covers.");
        foreach (var (name, period) in new[] { ("Superseded copies", SupersededCopies), ("Decided held answers", DecidedHeld), ("Picked-up results", PickedUpResults) })
            if (period < TimeSpan.FromDays(1)) problems.Add($"{name} must be kept at least a day.");
        return problems;
    }
}
