using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// A session lives while used, at most its lifetime, only with the certificate it was opened with, and its end is
/// logged once; only the token's hash is stored, and a restart finds it in the store.
/// </summary>
public sealed class StaffSessionTests
{
    private static readonly SessionSettings Settings = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(8), TimeSpan.FromSeconds(30));
    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeSessionStore _store = new();
    private readonly FakeOperationLog _log = new();

    private StaffSessions Sessions() => new(_store, Settings, _log, _clock);

    private static Caller Staff(string thumbprint = "AA") =>
        new(CallerKind.Staff, "staff-1", Seed.Hitachinaka, new HashSet<string> { Roles.Auditor }, new HashSet<string>(), thumbprint);

    [Fact]
    public async Task The_token_is_random_and_only_its_hash_is_stored()
    {
        var sessions = Sessions();
        var (first, session) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        var (second, _) = await sessions.SignInAsync(Staff(), CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 43);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(first)), session.TokenHash);
        Assert.DoesNotContain(_store.Sessions.Values, s => s.SessionId == first);
        Assert.Equal(Seed.Now + Settings.Lifetime, session.ExpiresAt);
    }

    [Fact]
    public async Task Just_before_the_idle_time_the_session_holds_and_at_it_it_ends_once_logged()
    {
        var sessions = Sessions();
        var (token, session) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        _clock.Advance(Settings.IdleTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(session.SessionId, (await sessions.CheckAsync(token, "AA", CancellationToken.None)).SessionId);

        _clock.Advance(Settings.IdleTimeout);
        Assert.Equal(ErrorReasons.SessionIdleTimeout, (await Refused(sessions, token)).Reason);
        Assert.Equal(ErrorReasons.SessionEnded, (await Refused(sessions, token)).Reason);
        var end = Assert.Single(_log.Entries);
        Assert.Equal(("session/idle-timeout", "staff-1", session.SessionId), (end.Rpc, end.ActorId, end.SessionId));
        Assert.Equal(SessionEnd.IdleTimeout, _store.Sessions[session.SessionId].EndReason);
    }

    [Fact]
    public async Task At_its_lifetime_a_session_ends_however_busy()
    {
        var sessions = Sessions();
        var (token, _) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        for (var i = 0; i < 47; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            await sessions.CheckAsync(token, "AA", CancellationToken.None);
        }
        _clock.Advance(TimeSpan.FromMinutes(10));
        var refusal = await Refused(sessions, token);
        Assert.Equal((ErrorKind.Unauthenticated, ErrorReasons.SessionExpired), (refusal.Kind, refusal.Reason));
        Assert.Equal("session/expired", Assert.Single(_log.Entries).Rpc);
        Assert.Equal(SessionEnd.Expired, Assert.Single(_store.Sessions.Values).EndReason);
    }

    [Fact]
    public async Task A_token_with_another_certificate_is_refused_and_the_session_stays_open()
    {
        var sessions = Sessions();
        var (token, _) = await sessions.SignInAsync(Staff("AA"), CancellationToken.None);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => sessions.CheckAsync(token, "BB", CancellationToken.None).AsTask());
        Assert.Equal(ErrorReasons.SessionCertificateMismatch, refusal.Reason);
        await sessions.CheckAsync(token, "aa", CancellationToken.None); // thumbprints compare without case
    }

    [Fact]
    public async Task An_unknown_token_is_unknown_and_an_oversized_one_is_refused_without_a_lookup()
    {
        var sessions = Sessions();
        Assert.Equal(ErrorReasons.SessionUnknown, (await Refused(sessions, new string('x', 128))).Reason);
        Assert.Equal(1, _store.Lookups);
        Assert.Equal(ErrorReasons.SessionUnknown, (await Refused(sessions, new string('x', 129))).Reason);
        Assert.Equal(1, _store.Lookups);
    }

    [Fact]
    public async Task Only_staff_sign_in_and_an_unknown_session_is_not_found()
    {
        var system = Staff() with { Kind = CallerKind.System };
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sessions().SignInAsync(system, CancellationToken.None));
        Assert.Null(Sessions().Find("no-such-session"));
    }

    [Fact]
    public async Task The_last_use_is_written_once_per_touch_interval_not_on_every_call()
    {
        var sessions = Sessions();
        var (token, _) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        _clock.Advance(Settings.TouchInterval);
        await sessions.CheckAsync(token, "AA", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await sessions.CheckAsync(token, "AA", CancellationToken.None);
        Assert.Equal(1, _store.Touches);
    }

    [Fact]
    public async Task Ending_the_sessions_of_one_staff_member_leaves_the_others_open()
    {
        var sessions = Sessions();
        var (_, mine) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        var (othersToken, _) = await sessions.SignInAsync(Staff("BB") with { Id = "staff-2" }, CancellationToken.None);
        await sessions.EndAllAsync(s => s.StaffId == "staff-1", SessionEnd.Deactivated, CancellationToken.None);
        Assert.Equal(SessionEnd.Deactivated, _store.Sessions[mine.SessionId].EndReason);
        await sessions.CheckAsync(othersToken, "BB", CancellationToken.None);
    }

    [Fact]
    public async Task The_sweep_ends_a_session_exactly_at_its_idle_end_and_one_at_its_lifetime_as_expired()
    {
        var sessions = Sessions();
        var (_, idle) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        _clock.Advance(Settings.IdleTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await sessions.SweepAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await sessions.SweepAsync(CancellationToken.None));
        Assert.Equal(SessionEnd.IdleTimeout, _store.Sessions[idle.SessionId].EndReason);

        var (token, busy) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        for (var elapsed = TimeSpan.Zero; elapsed < Settings.Lifetime; elapsed += TimeSpan.FromMinutes(10))
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            if (elapsed + TimeSpan.FromMinutes(10) < Settings.Lifetime) await sessions.CheckAsync(token, "AA", CancellationToken.None);
        }
        Assert.Equal(1, await sessions.SweepAsync(CancellationToken.None));
        Assert.Equal(SessionEnd.Expired, _store.Sessions[busy.SessionId].EndReason);
    }

    [Fact]
    public async Task After_a_restart_the_session_is_found_in_the_store_and_its_last_use_is_written_at_most_every_touch_interval()
    {
        var (token, session) = await Sessions().SignInAsync(Staff(), CancellationToken.None);
        var restarted = Sessions();
        _clock.Advance(TimeSpan.FromSeconds(10));
        await restarted.CheckAsync(token, "AA", CancellationToken.None);
        Assert.Equal(0, _store.Touches);
        _clock.Advance(Settings.TouchInterval);
        await restarted.CheckAsync(token, "AA", CancellationToken.None);
        Assert.Equal(1, _store.Touches);
        Assert.Equal(_clock.GetUtcNow(), _store.Sessions[session.SessionId].LastSeenAt);
        Assert.Equal(_clock.GetUtcNow() + Settings.IdleTimeout, restarted.Find(session.SessionId)!.Value.IdleExpiresAt);
    }

    [Fact]
    public async Task The_sweep_ends_only_idle_or_expired_sessions_and_logs_each()
    {
        var sessions = Sessions();
        var (busyToken, busy) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        var (_, idle) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await sessions.CheckAsync(busyToken, "AA", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, await sessions.SweepAsync(CancellationToken.None));
        Assert.Null(_store.Sessions[busy.SessionId].EndedAt);
        Assert.Equal(SessionEnd.IdleTimeout, _store.Sessions[idle.SessionId].EndReason);
        Assert.Equal(idle.SessionId, Assert.Single(_log.Entries).SessionId);
        Assert.Equal(0, await sessions.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_without_a_separate_log_entry()
    {
        var sessions = Sessions();
        var (token, session) = await sessions.SignInAsync(Staff(), CancellationToken.None);
        await sessions.SignOutAsync(session.SessionId, CancellationToken.None);
        Assert.Equal(ErrorReasons.SessionEnded, (await Refused(sessions, token)).Reason);
        Assert.Equal(SessionEnd.SignedOut, _store.Sessions[session.SessionId].EndReason);
        Assert.Empty(_log.Entries);
        Assert.Equal(0, sessions.OpenCount);
    }

    private static Task<DomainException> Refused(StaffSessions sessions, string token) =>
        Assert.ThrowsAsync<DomainException>(() => sessions.CheckAsync(token, "AA", CancellationToken.None).AsTask());
}
