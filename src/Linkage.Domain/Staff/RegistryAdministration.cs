using System.Collections.Frozen;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Staff;

/// <summary>
/// Changes to the registry by an administrator: each validated here, written by the store, then the in-memory
/// registry reloaded and the sessions the change ends ended, before the call returns.
/// </summary>
public sealed class RegistryAdministration(
    InstitutionScope scope, IRegistryStore store, CallerRegistry registry, StaffSessions sessions, TimeProvider clock)
{
    public sealed record StaffDraft(string StaffId, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> InformationNames,
        DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, PresentedCertificate Certificate);

    public async Task<StaffMember> AddStaffAsync(StaffDraft draft, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var roles = draft.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0 || roles.Any(r => !Roles.Staff.Contains(r)))
            throw DomainException.InvalidField("roles", ErrorReasons.InvalidArgument,
                $"Staff roles are one or more of: {string.Join(", ", Roles.Staff.Order(StringComparer.Ordinal))}.");
        var names = draft.InformationNames.Select((n, i) => InformationNameCode.Parse(n, $"information_name_codes[{i}]").Value).ToFrozenSet();
        var validFrom = draft.ValidFrom ?? now;
        if (draft.ValidTo is { } to && to <= validFrom)
            throw DomainException.InvalidField("valid_to", ErrorReasons.InvalidArgument, "The end of validity must come after its start.");
        var member = new StaffMember(RegistryId.Require(draft.StaffId, "staff_id"), RequireName(draft.Name), scope.Code,
            roles.ToFrozenSet(StringComparer.Ordinal), names, validFrom, draft.ValidTo, null, "");
        await store.AddStaffAsync(member, Binding(draft.Certificate, CallerKind.Staff, member.StaffId, now), ct);
        await ReloadAsync(ct);
        return member;
    }

    public async Task<ConnectedSystem> AddSystemAsync(string systemId, string name, string role, PresentedCertificate certificate, CancellationToken ct)
    {
        if (!Roles.Systems.Contains(role))
            throw DomainException.InvalidField("role", ErrorReasons.InvalidArgument,
                $"A system's role is one of: {string.Join(", ", Roles.Systems.Order(StringComparer.Ordinal))}.");
        var system = new ConnectedSystem(RegistryId.Require(systemId, "system_id"), RequireName(name), scope.Code, role, null, "");
        await store.AddSystemAsync(system, Binding(certificate, CallerKind.System, system.SystemId, clock.GetUtcNow()), ct);
        await ReloadAsync(ct);
        return system;
    }

    /// <summary>Deactivates a staff member or a system; a staff member's open sessions end at once.</summary>
    public async Task DeactivateAsync(CallerKind kind, string ownerId, string reason, CancellationToken ct)
    {
        RequireOwner(kind, ownerId);
        await store.DeactivateAsync(kind, ownerId, clock.GetUtcNow(), reason.Trim(), ct);
        await ReloadAsync(ct);
        if (kind == CallerKind.Staff) await sessions.EndAllAsync(s => s.StaffId == ownerId, SessionEnd.Deactivated, ct);
    }

    public async Task<CertificateBinding> BindAsync(CallerKind kind, string ownerId, PresentedCertificate certificate, CancellationToken ct)
    {
        RequireOwner(kind, ownerId);
        var binding = Binding(certificate, kind, ownerId, clock.GetUtcNow());
        await store.BindAsync(binding, ct);
        await ReloadAsync(ct);
        return binding;
    }

    /// <summary>A lost card: the certificate signs nobody in any more, and its open sessions end at once.</summary>
    public async Task UnbindAsync(string thumbprint, CancellationToken ct)
    {
        if (!await store.UnbindAsync(thumbprint, clock.GetUtcNow(), ct))
            throw new DomainException(ErrorKind.NotFound, ErrorReasons.CertificateNotBound, "No bound certificate has this thumbprint.");
        await ReloadAsync(ct);
        await sessions.EndAllAsync(s => string.Equals(s.CertificateThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
            SessionEnd.CertificateUnbound, ct);
    }

    public async Task ReloadAsync(CancellationToken ct) => registry.Replace(await store.LoadAsync(ct));

    /// <summary>
    /// Takes what another gateway node of the institution changed in the shared registry. A change made on this node
    /// while the registry was read wins: this refresh then leaves the registry alone, and the next one reads it again.
    /// </summary>
    public async Task<CallerRegistry.Contents> RefreshAsync(CancellationToken ct)
    {
        var before = registry.Current;
        var loaded = await store.LoadAsync(ct);
        registry.ReplaceIf(before, loaded);
        return registry.Current;
    }

    private void RequireOwner(CallerKind kind, string ownerId)
    {
        var known = kind switch
        {
            CallerKind.Staff => registry.FindStaff(ownerId) is not null,
            CallerKind.System => registry.FindSystem(ownerId) is not null,
            _ => false,
        };
        if (!known)
            throw kind == CallerKind.System
                ? new DomainException(ErrorKind.NotFound, ErrorReasons.SystemNotFound, "There is no system with this id.")
                : new DomainException(ErrorKind.NotFound, ErrorReasons.StaffNotFound, "There is no staff member with this id.");
    }

    private CertificateBinding Binding(PresentedCertificate presented, CallerKind kind, string ownerId, DateTimeOffset now)
    {
        if (!presented.IssuedByOurAuthority)
            throw DomainException.InvalidField("certificate_pem", ErrorReasons.CertificateUnusable,
                "The certificate was not issued by this deployment's authority for client use, or it is revoked.");
        if (presented.Institution != scope.Code.Value)
            throw DomainException.InvalidField("certificate_pem", ErrorReasons.OtherInstitution,
                "The certificate names another institution than this gateway's.");
        if (presented.Certificate.NotAfter <= now)
            throw DomainException.InvalidField("certificate_pem", ErrorReasons.CertificateUnusable, "The certificate has expired.");
        return new CertificateBinding(presented.Certificate, kind, ownerId, now, null);
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 100
            ? throw DomainException.InvalidField("name", ErrorReasons.InvalidArgument, "A name of 1 to 100 characters is required.")
            : name.Trim();
}
