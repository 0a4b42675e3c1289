using System.Collections.Frozen;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// What a gateway node holds in memory is taken again from the database other nodes of the institution share: their
/// hold flags and registry changes arrive, a session ended elsewhere is refused here too, and a refresh read before a
/// change of this node's own never undoes that change.
/// </summary>
public sealed class SharedStateRefreshTests
{
    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly HoldFlagIndex _index;
    private static readonly InformationNameCode Osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);

    public SharedStateRefreshTests() => _index = new HoldFlagIndex(_clock);

    private static HoldFlag Flag(string id, InternalAddressNumber? person = null) =>
        new(id, person ?? Seed.Person, null, HoldFlagReason.SupportMeasure, "", Seed.Now.AddDays(-1), null, "admin", Seed.Now.AddDays(-1));

    [Fact]
    public async Task Flags_set_and_cleared_through_another_node_arrive_and_one_in_both_is_never_missing()
    {
        _index.Replace([Flag("kept"), Flag("cleared-elsewhere", InternalAddressNumber.Parse("082210000000009"))]);

        Assert.True(_index.SyncIf([Flag("kept"), Flag("set-elsewhere", InternalAddressNumber.Parse("082210000000008"))], _index.Generation));

        Assert.Equal(2, _index.Count);
        Assert.NotNull(_index.Get("kept"));
        Assert.NotNull(_index.Get("set-elsewhere"));
        Assert.Null(_index.Get("cleared-elsewhere"));
        Assert.Equal("SUPPORT_MEASURE", await _index.HoldReasonAsync(Seed.Person, Osteoporosis, CancellationToken.None));
    }

    [Fact]
    public void A_refresh_read_before_a_flag_was_set_on_this_node_does_not_remove_it()
    {
        var read = _index.Generation;          // the refresh reads the store: the new flag is not there yet
        _index.Add(Flag("set-here"));          // an administrator sets it through this node meanwhile

        Assert.False(_index.SyncIf([], read));
        Assert.NotNull(_index.Get("set-here"));
    }

    [Fact]
    public async Task A_registry_refresh_takes_another_nodes_change_but_never_undoes_one_made_here_meanwhile()
    {
        var store = new FakeRegistryStore();
        var registry = new CallerRegistry();
        var administration = new RegistryAdministration(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), store, registry,
            new StaffSessions(new FakeSessionStore(), SessionSettings.Default, new FakeOperationLog(), _clock), _clock);
        var member = new StaffMember("staff-9", "日立 花子", InstitutionCode.Parse(Seed.Hitachinaka),
            new HashSet<string> { Roles.Reviewer }.ToFrozenSet(), new HashSet<string>().ToFrozenSet(), Seed.Now, null, null, "");
        store.Staff.Add(member); // added through another node

        await administration.RefreshAsync(CancellationToken.None);
        Assert.NotNull(registry.FindStaff("staff-9"));

        var before = registry.Current;
        var newer = new CallerRegistry.Contents([], [], []);
        registry.Replace(newer);               // this node's own change lands while an older read was under way
        Assert.False(registry.ReplaceIf(before, new CallerRegistry.Contents([member], [], [])));
        Assert.Same(newer, registry.Current);
    }

    [Fact]
    public async Task A_session_signed_out_through_another_node_is_refused_here_after_a_refresh()
    {
        var store = new FakeSessionStore();
        var sessions = new StaffSessions(store, SessionSettings.Default, new FakeOperationLog(), _clock);
        var staff = new Caller(CallerKind.Staff, "staff-1", Seed.Hitachinaka, new HashSet<string> { Roles.Auditor }, new HashSet<string>(), "AA");
        var (token, session) = await sessions.SignInAsync(staff, CancellationToken.None);
        var (kept, _) = await sessions.SignInAsync(staff, CancellationToken.None);
        await sessions.CheckAsync(token, "AA", CancellationToken.None);

        await store.EndAsync(session.SessionId, _clock.GetUtcNow(), SessionEnd.SignedOut, CancellationToken.None); // on the other node
        Assert.Equal(1, await sessions.ForgetEndedAsync(CancellationToken.None));

        var refused = await Assert.ThrowsAsync<DomainException>(() => sessions.CheckAsync(token, "AA", CancellationToken.None).AsTask());
        Assert.Equal(ErrorReasons.SessionEnded, refused.Reason);
        await sessions.CheckAsync(kept, "AA", CancellationToken.None);
    }
}
