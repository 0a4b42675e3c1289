using System.Collections.Frozen;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Staff;

/// <summary>
/// The registry of who may connect, held in memory for the hot path and replaced whole after every change, so a
/// deactivation or an unbound card takes effect on the next call. The certificate says who the caller is; this says
/// what they may do.
/// </summary>
public sealed class CallerRegistry
{
    private volatile Contents _contents = Contents.Empty;

    public sealed record Contents(
        IReadOnlyList<StaffMember> Staff, IReadOnlyList<ConnectedSystem> Systems, IReadOnlyList<CertificateBinding> Bindings)
    {
        public static readonly Contents Empty = new([], [], []);

        internal FrozenDictionary<string, CertificateBinding> BoundByThumbprint { get; } =
            Bindings.Where(b => b.IsBound).ToFrozenDictionary(b => b.Certificate.Thumbprint, StringComparer.OrdinalIgnoreCase);
        internal FrozenDictionary<string, StaffMember> StaffById { get; } = Staff.ToFrozenDictionary(s => s.StaffId, StringComparer.Ordinal);
        internal FrozenDictionary<string, ConnectedSystem> SystemsById { get; } = Systems.ToFrozenDictionary(s => s.SystemId, StringComparer.Ordinal);
    }

    public Contents Current => _contents;

    public void Replace(Contents contents) => _contents = contents;

    /// <summary>
    /// Replaces <paramref name="expected"/> with <paramref name="contents"/> unless something replaced it meanwhile: a
    /// refresh read before a change of this node's own must not undo the change. Whether it replaced.
    /// </summary>
    public bool ReplaceIf(Contents expected, Contents contents) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _contents, contents, expected), expected);

    public StaffMember? FindStaff(string staffId) => _contents.StaffById.GetValueOrDefault(staffId);

    public ConnectedSystem? FindSystem(string systemId) => _contents.SystemsById.GetValueOrDefault(systemId);

    public IEnumerable<CertificateBinding> BindingsOf(CallerKind kind, string ownerId) =>
        _contents.Bindings.Where(b => b.OwnerKind == kind && b.OwnerId == ownerId);

    /// <summary>Whom a bound certificate stands for, whatever their state: names a refused caller in the operation log.</summary>
    public (CallerKind Kind, string Id)? OwnerOf(string thumbprint) =>
        _contents.BoundByThumbprint.TryGetValue(thumbprint, out var binding) ? (binding.OwnerKind, binding.OwnerId) : null;

    /// <summary>The caller behind a certificate, or UNAUTHENTICATED with the reason it may not connect.</summary>
    public Caller Resolve(string thumbprint, DateTimeOffset now)
    {
        var contents = _contents;
        if (!contents.BoundByThumbprint.TryGetValue(thumbprint, out var binding))
            throw Refused(ErrorReasons.CertificateNotRegistered, "This certificate is not registered with the gateway.");
        if (binding.OwnerKind == CallerKind.System)
        {
            var system = contents.SystemsById[binding.OwnerId];
            if (!system.IsActive)
                throw Refused(ErrorReasons.SystemDeactivated, "The system of this certificate has been deactivated.");
            return new Caller(CallerKind.System, system.SystemId, system.Institution.Value,
                new HashSet<string>(StringComparer.Ordinal) { system.Role }, system.InformationNames, binding.Certificate.Thumbprint);
        }
        var member = contents.StaffById[binding.OwnerId];
        if (!member.IsActive)
            throw Refused(ErrorReasons.StaffDeactivated, "The staff member of this certificate has been deactivated.");
        if (!member.IsValidAt(now))
            throw Refused(ErrorReasons.StaffNotInValidityPeriod, "The staff member's registration is not valid at this time.");
        return new Caller(CallerKind.Staff, member.StaffId, member.Institution.Value, member.Roles, member.InformationNames,
            binding.Certificate.Thumbprint);
    }

    private static DomainException Refused(string reason, string message) => new(ErrorKind.Unauthenticated, reason, message);
}
