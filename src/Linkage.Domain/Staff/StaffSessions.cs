using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Staff;

/// <summary>
/// Sign-in, the check on every staff call, sign-out and the end of sessions. Open sessions are kept in memory by
/// token hash so the check costs no database read; the store has them too, so they survive a restart.
/// </summary>
public sealed class StaffSessions(ISessionStore store, SessionSettings settings, IOperationLog log, TimeProvider clock)
{
    private sealed class Open(StaffSession session)
    {
        public StaffSession Session { get; } = session;
        public long LastSeenTicks = session.LastSeenAt.UtcTicks;
        public long PersistedTicks = session.LastSeenAt.UtcTicks;
    }

    private readonly ConcurrentDictionary<string, Open> _open = new(StringComparer.Ordinal);

    private const int MaxTokenLength = 128;

    public int OpenCount => _open.Count;

    public async Task<(string Token, StaffSession Session)> SignInAsync(Caller staff, CancellationToken ct)
    {
        if (staff.Kind != CallerKind.Staff) throw new InvalidOperationException("Only staff sign in.");
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var session = new StaffSession(Base64Url(RandomNumberGenerator.GetBytes(12)), HashOf(token), staff.Id,
            staff.CertificateThumbprint, now, now, now + settings.Lifetime, null, null);
        await store.AddAsync(session, ct);
        _open[Convert.ToHexString(session.TokenHash)] = new Open(session);
        return (token, session);
    }

    /// <summary>The open session of <paramref name="token"/>, used now; UNAUTHENTICATED with the reason otherwise.</summary>
    public async ValueTask<StaffSession> CheckAsync(string token, string certificateThumbprint, CancellationToken ct)
    {
        if (token.Length > MaxTokenLength) throw Refused(ErrorReasons.SessionUnknown, "This session token was never issued.");
        var hash = HashOf(token);
        var key = Convert.ToHexString(hash);
        if (!_open.TryGetValue(key, out var open))
        {
            var stored = await store.FindByTokenHashAsync(hash, ct)
                ?? throw Refused(ErrorReasons.SessionUnknown, "This session token was never issued.");
            if (stored.EndedAt is not null)
                throw Refused(ErrorReasons.SessionEnded, "This session has ended; sign in again.");
            open = _open.GetOrAdd(key, _ => new Open(stored));
        }
        var session = open.Session;
        if (!string.Equals(session.CertificateThumbprint, certificateThumbprint, StringComparison.OrdinalIgnoreCase))
            throw Refused(ErrorReasons.SessionCertificateMismatch, "This session belongs to another certificate.");

        var now = clock.GetUtcNow();
        if (now >= session.ExpiresAt)
        {
            await EndAsync(key, open, SessionEnd.Expired, now, ct);
            throw Refused(ErrorReasons.SessionExpired, "The session reached its maximum lifetime; sign in again.");
        }
        if (now.UtcTicks - Interlocked.Read(ref open.LastSeenTicks) >= settings.IdleTimeout.Ticks)
        {
            await EndAsync(key, open, SessionEnd.IdleTimeout, now, ct);
            throw Refused(ErrorReasons.SessionIdleTimeout, "The session was idle too long and has been signed out.");
        }
        Interlocked.Exchange(ref open.LastSeenTicks, now.UtcTicks);
        if (now.UtcTicks - Interlocked.Read(ref open.PersistedTicks) >= settings.TouchInterval.Ticks)
        {
            Interlocked.Exchange(ref open.PersistedTicks, now.UtcTicks);
            await store.TouchAsync(session.SessionId, now, ct);
        }
        return session;
    }

    /// <summary>Ends the session; the SignOut call itself is what the operation log shows.</summary>
    public Task SignOutAsync(string sessionId, CancellationToken ct) =>
        EndAllAsync(s => s.SessionId == sessionId, SessionEnd.SignedOut, ct, logged: false);

    /// <summary>An open session and when its idle time runs out if unused from now on.</summary>
    public (StaffSession Session, DateTimeOffset IdleExpiresAt)? Find(string sessionId) =>
        _open.Values.FirstOrDefault(o => o.Session.SessionId == sessionId) is { } open
            ? (open.Session, new DateTimeOffset(Interlocked.Read(ref open.LastSeenTicks), TimeSpan.Zero) + settings.IdleTimeout)
            : null;

    /// <summary>Ends the matching open sessions (deactivation, a lost or revoked card) and logs each end.</summary>
    public async Task EndAllAsync(Func<StaffSession, bool> which, SessionEnd reason, CancellationToken ct, bool logged = true)
    {
        var now = clock.GetUtcNow();
        foreach (var stored in await store.ListOpenAsync(ct))
        {
            if (!which(stored)) continue;
            var key = Convert.ToHexString(stored.TokenHash);
            _open.TryRemove(key, out _);
            if (await store.EndAsync(stored.SessionId, now, reason, ct) && logged)
                await log.AppendAsync(OperationEntry.SessionEnded(stored, reason, now), ct);
        }
    }

    /// <summary>
    /// Forgets the sessions held in memory that have ended in the store meanwhile (signed out, swept or ended on another
    /// gateway node of the institution), so that their tokens are refused here too. Returns how many it forgot.
    /// </summary>
    public async Task<int> ForgetEndedAsync(CancellationToken ct)
    {
        var open = (await store.ListOpenAsync(ct)).Select(s => Convert.ToHexString(s.TokenHash)).ToHashSet(StringComparer.Ordinal);
        var forgotten = 0;
        // A session signed in here after the list was read is not in it: forgetting it costs its next call one read of
        // the store, which finds it open and keeps it again.
        foreach (var key in _open.Keys)
            if (!open.Contains(key) && _open.TryRemove(key, out _)) forgotten++;
        return forgotten;
    }

    /// <summary>Signs out the sessions whose idle time or lifetime ran out, so they end although nobody calls again.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ended = 0;
        foreach (var stored in await store.ListOpenAsync(ct))
        {
            var key = Convert.ToHexString(stored.TokenHash);
            var lastSeen = _open.TryGetValue(key, out var open)
                ? new DateTimeOffset(Interlocked.Read(ref open.LastSeenTicks), TimeSpan.Zero) : stored.LastSeenAt;
            SessionEnd? reason = now >= stored.ExpiresAt ? SessionEnd.Expired
                : now - lastSeen >= settings.IdleTimeout ? SessionEnd.IdleTimeout : null;
            if (reason is null) continue;
            _open.TryRemove(key, out _);
            if (await store.EndAsync(stored.SessionId, now, reason.Value, ct))
            {
                await log.AppendAsync(OperationEntry.SessionEnded(stored, reason.Value, now), ct);
                ended++;
            }
        }
        return ended;
    }

    private async Task EndAsync(string key, Open open, SessionEnd reason, DateTimeOffset now, CancellationToken ct)
    {
        _open.TryRemove(key, out _);
        if (await store.EndAsync(open.Session.SessionId, now, reason, ct))
            await log.AppendAsync(OperationEntry.SessionEnded(open.Session, reason, now), ct);
    }

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DomainException Refused(string reason, string message) => new(ErrorKind.Unauthenticated, reason, message);
}
