using Linkage.Domain.Codes;

namespace Linkage.Domain.Copies;

/// <summary>The provision copy database. Values are encrypted at rest by the implementation.</summary>
public interface ICopyStore
{
    /// <summary>Stores a new version; throws <c>VERSION_CONFLICT</c> unless it is exactly one past the current version.</summary>
    Task RegisterAsync(ProvisionCopy copy, CancellationToken ct);

    /// <summary>The current, undeleted copies of a person for an information name that are valid on <paramref name="day"/>.</summary>
    Task<IReadOnlyList<ProvisionCopy>> ReadCurrentAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day, CancellationToken ct);

    Task<long> CountCurrentAsync(CancellationToken ct);

    /// <summary>
    /// Deletes a record by writing a tombstone as its next version (kept until retention ends); returns that version.
    /// Deleting a deleted record returns the tombstone's version again. Throws <c>COPY_NOT_FOUND</c> for an unknown record.
    /// </summary>
    Task<int> DeleteAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct);

    /// <summary>The latest visible version of a record, tombstones included; null when there is none.</summary>
    Task<StoredCopy?> GetAsync(InternalAddressNumber person, InformationNameCode name, string recordKey, CancellationToken ct);
}
