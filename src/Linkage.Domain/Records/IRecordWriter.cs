namespace Linkage.Domain.Records;

/// <summary>
/// Appends records to the hash chain. The returned task completes only once the record is durable (group commit:
/// many concurrent appends share one transaction and one flush).
/// </summary>
public interface IRecordWriter
{
    /// <param name="acceptedPermit">A permit id to remember as used, made durable in the same transaction.</param>
    Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct);
}

public sealed record AcceptedPermit(string PermitId, DateTimeOffset ExpiresAt);
