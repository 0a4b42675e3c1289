using Linkage.Domain.Codes;

namespace Linkage.Domain.Copies;

/// <summary>
/// A validated provision copy (副本): one record of one person for one information name, in one version.
/// <see cref="RecordKey"/> names the record within the person's information (e.g. fiscal year, category, stage).
/// </summary>
public sealed record ProvisionCopy(
    InternalAddressNumber Person,
    InformationNameCode InformationName,
    string RecordKey,
    int Version,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<ItemEntry> Items)
{
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}
