using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;

namespace Linkage.Gateway.Staff;

/// <summary>The registry and sessions as the Staff and Administration services' messages.</summary>
internal static class StaffMapping
{
    public static StaffMemberView ToWire(StaffMember member, IEnumerable<CertificateBinding> bindings)
    {
        var view = new StaffMemberView
        {
            StaffId = member.StaffId,
            Name = member.Name,
            InstitutionCode = member.Institution.Value,
            ValidFrom = Timestamp.FromDateTimeOffset(member.ValidFrom),
            ValidTo = member.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
            DeactivatedAt = member.DeactivatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            DeactivationReason = member.DeactivationReason,
        };
        view.Roles.AddRange(member.Roles.Order(StringComparer.Ordinal));
        view.InformationNameCodes.AddRange(member.InformationNames.Order(StringComparer.Ordinal));
        view.Certificates.AddRange(bindings.Select(ToWire));
        return view;
    }

    public static ConnectedSystemView ToWire(ConnectedSystem system, IEnumerable<CertificateBinding> bindings)
    {
        var view = new ConnectedSystemView
        {
            SystemId = system.SystemId,
            Name = system.Name,
            InstitutionCode = system.Institution.Value,
            Role = system.Role,
            DeactivatedAt = system.DeactivatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        view.Certificates.AddRange(bindings.Select(ToWire));
        return view;
    }

    public static CertificateBindingView ToWire(CertificateBinding binding) => new()
    {
        Issuer = binding.Certificate.Issuer,
        SerialNumber = binding.Certificate.SerialNumber,
        ThumbprintSha256 = binding.Certificate.Thumbprint,
        Subject = binding.Certificate.Subject,
        NotAfter = Timestamp.FromDateTimeOffset(binding.Certificate.NotAfter),
        BoundAt = Timestamp.FromDateTimeOffset(binding.BoundAt),
        UnboundAt = binding.UnboundAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static SessionView ToWire(StaffSession session, DateTimeOffset idleExpiresAt) => new()
    {
        SessionId = session.SessionId,
        StaffId = session.StaffId,
        StartedAt = Timestamp.FromDateTimeOffset(session.StartedAt),
        IdleExpiresAt = Timestamp.FromDateTimeOffset(idleExpiresAt < session.ExpiresAt ? idleExpiresAt : session.ExpiresAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(session.ExpiresAt),
    };
}
