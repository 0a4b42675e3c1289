namespace Linkage.Domain.Staff;

/// <summary>A certificate bound to a staff member or a system, from <see cref="BoundAt"/> until unbound (a lost card).</summary>
public sealed record CertificateBinding(CertificateRef Certificate, CallerKind OwnerKind, string OwnerId, DateTimeOffset BoundAt, DateTimeOffset? UnboundAt)
{
    public bool IsBound => UnboundAt is null;
}
