namespace Linkage.Domain.Records;

/// <summary>
/// Appends records to the hash chain. The returned task completes only once the record is durable (group commit:
/// many concurrent appends share one transaction and one flush).
/// </summary>
public interface IRecordWriter
{
    /// <param name="acceptedPermit">The permit this record used up, made durable with the record so a restart still knows it.</param>
    /// <param name="attachment">Written in the record's transaction, or neither is.</param>
    Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct, RecordAttachment? attachment = null);
}

public sealed record AcceptedPermit(string PermitId, DateTimeOffset ExpiresAt);
