namespace Linkage.Domain.Staff;

/// <summary>
/// The registry as stored. Each write is one transaction; a duplicate staff id, system id or bound certificate is
/// refused as ALREADY_EXISTS by the store's unique keys, so two administrators cannot both win.
/// </summary>
public interface IRegistryStore
{
    Task<CallerRegistry.Contents> LoadAsync(CancellationToken ct);

    Task AddStaffAsync(StaffMember member, CertificateBinding binding, CancellationToken ct);

    Task AddSystemAsync(ConnectedSystem system, CertificateBinding binding, CancellationToken ct);

    Task DeactivateAsync(CallerKind kind, string ownerId, DateTimeOffset at, string reason, CancellationToken ct);

    Task BindAsync(CertificateBinding binding, CancellationToken ct);

    /// <returns>Whether a bound certificate with this thumbprint was found and unbound.</returns>
    Task<bool> UnbindAsync(string thumbprint, DateTimeOffset at, CancellationToken ct);
}
