using System.Globalization;
using System.Runtime.InteropServices;

namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// One record of a batch for duplicate detection. The two codes are packed into numbers (15 and 14 digits) and the
/// record key is replaced by its number among the batch's keys, so that a batch of a million copies costs tens of
/// megabytes here, not hundreds, and the set holds no reference that the collector would have to trace on every
/// collection while the set keeps growing.
/// </summary>
internal readonly record struct RecordIdentity(long Person, long InformationName, int RecordKey)
{
    /// <param name="keys">The record keys seen so far in this batch, with their numbers; a new key is added.</param>
    public static RecordIdentity Of(ProvisionCopy copy, Dictionary<string, int> keys)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, copy.RecordKey, out var known);
        if (!known) number = keys.Count - 1;
        return new(
            long.Parse(copy.Person.Value, CultureInfo.InvariantCulture),
            long.Parse(copy.InformationName.Value.AsSpan(2), CultureInfo.InvariantCulture),
            number);
    }
}
