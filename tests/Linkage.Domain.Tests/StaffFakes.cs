using Linkage.Domain.Errors;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Tests;

/// <summary>In-memory stores for the staff room's rules.</summary>
internal sealed class FakeRegistryStore : IRegistryStore
{
    public List<StaffMember> Staff { get; } = [];
    public List<ConnectedSystem> Systems { get; } = [];
    public List<CertificateBinding> Bindings { get; } = [];

    public Task<CallerRegistry.Contents> LoadAsync(CancellationToken ct) =>
        Task.FromResult(new CallerRegistry.Contents(Staff.ToList(), Systems.ToList(), Bindings.ToList()));

    public Task AddStaffAsync(StaffMember member, CertificateBinding binding, CancellationToken ct)
    {
        if (Staff.Any(s => s.StaffId == member.StaffId) || Bindings.Any(b => b.Certificate.Thumbprint == binding.Certificate.Thumbprint))
            throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.StaffExists, "exists");
        Staff.Add(member);
        Bindings.Add(binding);
        return Task.CompletedTask;
    }

    public Task AddSystemAsync(ConnectedSystem system, CertificateBinding binding, CancellationToken ct)
    {
        Systems.Add(system);
        Bindings.Add(binding);
        return Task.CompletedTask;
    }

    public Task DeactivateAsync(CallerKind kind, string ownerId, DateTimeOffset at, string reason, CancellationToken ct)
    {
        if (kind == CallerKind.Staff)
        {
            var i = Staff.FindIndex(s => s.StaffId == ownerId);
            Staff[i] = Staff[i] with { DeactivatedAt = at, DeactivationReason = reason };
        }
        else
        {
            var i = Systems.FindIndex(s => s.SystemId == ownerId);
            Systems[i] = Systems[i] with { DeactivatedAt = at, DeactivationReason = reason };
        }
        return Task.CompletedTask;
    }

    public Task BindAsync(CertificateBinding binding, CancellationToken ct)
    {
        Bindings.Add(binding);
        return Task.CompletedTask;
    }

    public Task<bool> UnbindAsync(string thumbprint, DateTimeOffset at, CancellationToken ct)
    {
        var i = Bindings.FindIndex(b => b.Certificate.Thumbprint == thumbprint && b.IsBound);
        if (i < 0) return Task.FromResult(false);
        Bindings[i] = Bindings[i] with { UnboundAt = at };
        return Task.FromResult(true);
    }
}

internal sealed class FakeSessionStore : ISessionStore
{
    public Dictionary<string, StaffSession> Sessions { get; } = [];
    public int Touches { get; private set; }
    public int Lookups { get; private set; }

    public Task AddAsync(StaffSession session, CancellationToken ct)
    {
        Sessions[session.SessionId] = session;
        return Task.CompletedTask;
    }

    public Task<StaffSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct)
    {
        Lookups++;
        return Task.FromResult(Sessions.Values.FirstOrDefault(s => s.TokenHash.AsSpan().SequenceEqual(tokenHash)));
    }

    public Task TouchAsync(string sessionId, DateTimeOffset lastSeenAt, CancellationToken ct)
    {
        Touches++;
        Sessions[sessionId] = Sessions[sessionId] with { LastSeenAt = lastSeenAt };
        return Task.CompletedTask;
    }

    public Task<bool> EndAsync(string sessionId, DateTimeOffset at, SessionEnd reason, CancellationToken ct)
    {
        if (Sessions[sessionId].EndedAt is not null) return Task.FromResult(false);
        Sessions[sessionId] = Sessions[sessionId] with { EndedAt = at, EndReason = reason };
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<StaffSession>> ListOpenAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StaffSession>>(Sessions.Values.Where(s => s.EndedAt is null).ToList());
}

internal sealed class FakeOperationLog : IOperationLog
{
    public List<OperationEntry> Entries { get; } = [];

    public Task<long> AppendAsync(OperationEntry entry, CancellationToken ct)
    {
        Entries.Add(entry);
        return Task.FromResult((long)Entries.Count);
    }
}
