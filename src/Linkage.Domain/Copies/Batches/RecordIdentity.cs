namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// One record of a batch for duplicate detection. The two codes are packed into numbers (15 and 14 digits) so that
/// a batch of a million copies costs tens of megabytes here, not hundreds.
/// </summary>
internal readonly record struct RecordIdentity(long Person, long InformationName, string RecordKey)
{
    public static RecordIdentity Of(ProvisionCopy copy) => new(
        long.Parse(copy.Person.Value, System.Globalization.CultureInfo.InvariantCulture),
        long.Parse(copy.InformationName.Value.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture),
        copy.RecordKey);
}
