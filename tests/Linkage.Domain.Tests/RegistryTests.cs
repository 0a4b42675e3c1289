using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// The registry decides who may connect: a certificate grants nothing unless bound to an active staff member within
/// their period or an active system of our institution; an administrator's changes are validated before storing.
/// </summary>
public sealed class RegistryTests
{
    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeRegistryStore _store = new();
    private readonly CallerRegistry _registry = new();
    private readonly FakeSessionStore _sessions = new();
    private readonly FakeOperationLog _log = new();

    private RegistryAdministration Administration() => new(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), _store, _registry,
        new StaffSessions(_sessions, SessionSettings.Default, _log, _clock), _clock);

    private static PresentedCertificate Card(string thumbprint, string? institution = Seed.Hitachinaka, bool ours = true, int days = 300) =>
        new(new CertificateRef(thumbprint, "CN=Test CA", "01", "CN=x", Seed.Now.AddDays(days)), institution, ours);

    private static RegistryAdministration.StaffDraft Draft(string id, string thumbprint, string[]? roles = null, string[]? names = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(id, "日立 花子", roles ?? [Roles.Reviewer], names ?? [], from, to, Card(thumbprint));

    [Fact]
    public async Task A_registered_staff_member_resolves_with_roles_and_restriction()
    {
        await Administration().AddStaffAsync(Draft("s1", "AA", [Roles.Reviewer, Roles.Auditor], [Seed.Osteoporosis]), CancellationToken.None);
        var caller = _registry.Resolve("aa", Seed.Now);
        Assert.Equal((CallerKind.Staff, "s1", Seed.Hitachinaka), (caller.Kind, caller.Id, caller.Institution));
        Assert.True(caller.Roles.SetEquals([Roles.Reviewer, Roles.Auditor]));
        Assert.True(caller.MayActOn(InformationNameCode.Parse(Seed.Osteoporosis)));
        Assert.False(caller.MayActOn(InformationNameCode.Parse(Seed.Cancer)));
    }

    [Fact]
    public void An_unknown_certificate_is_not_registered()
    {
        var refusal = Assert.Throws<DomainException>(() => _registry.Resolve("CC", Seed.Now));
        Assert.Equal((ErrorKind.Unauthenticated, ErrorReasons.CertificateNotRegistered), (refusal.Kind, refusal.Reason));
    }

    [Fact]
    public async Task Staff_outside_their_period_are_refused_and_inside_accepted()
    {
        await Administration().AddStaffAsync(Draft("s1", "AA", from: Seed.Now.AddDays(1), to: Seed.Now.AddDays(2)), CancellationToken.None);
        Assert.Equal(ErrorReasons.StaffNotInValidityPeriod, Assert.Throws<DomainException>(() => _registry.Resolve("AA", Seed.Now.AddDays(1).AddTicks(-1))).Reason);
        Assert.Equal("s1", _registry.Resolve("AA", Seed.Now.AddDays(1)).Id);
        Assert.Equal(ErrorReasons.StaffNotInValidityPeriod, Assert.Throws<DomainException>(() => _registry.Resolve("AA", Seed.Now.AddDays(2))).Reason);
    }

    [Fact]
    public async Task Deactivating_staff_refuses_their_certificate_and_ends_their_sessions()
    {
        var administration = Administration();
        await administration.AddStaffAsync(Draft("s1", "AA"), CancellationToken.None);
        var sessions = new StaffSessions(_sessions, SessionSettings.Default, _log, _clock);
        await sessions.SignInAsync(_registry.Resolve("AA", Seed.Now), CancellationToken.None);

        await administration.DeactivateAsync(CallerKind.Staff, "s1", " 退職 ", CancellationToken.None);

        Assert.Equal(ErrorReasons.StaffDeactivated, Assert.Throws<DomainException>(() => _registry.Resolve("AA", Seed.Now)).Reason);
        Assert.All(_sessions.Sessions.Values, s => Assert.Equal(SessionEnd.Deactivated, s.EndReason));
        Assert.Equal("退職", _store.Staff.Single().DeactivationReason);
        Assert.Equal("session/staff-deactivated", Assert.Single(_log.Entries).Rpc);
    }

    [Fact]
    public async Task A_system_resolves_with_its_one_role_until_deactivated()
    {
        var administration = Administration();
        await administration.AddSystemAsync("health", "健康管理システム", Roles.HealthSystem, Card("BB"), CancellationToken.None);
        Assert.True(_registry.Resolve("BB", Seed.Now).Roles.SetEquals([Roles.HealthSystem]));
        await administration.DeactivateAsync(CallerKind.System, "health", "replaced", CancellationToken.None);
        Assert.Equal(ErrorReasons.SystemDeactivated, Assert.Throws<DomainException>(() => _registry.Resolve("BB", Seed.Now)).Reason);
    }

    [Fact]
    public async Task A_second_card_can_be_bound_and_a_lost_one_unbound()
    {
        var administration = Administration();
        await administration.AddStaffAsync(Draft("s1", "AA"), CancellationToken.None);
        await administration.BindAsync(CallerKind.Staff, "s1", Card("DD"), CancellationToken.None);
        Assert.Equal("s1", _registry.Resolve("DD", Seed.Now).Id);

        await administration.UnbindAsync("AA", CancellationToken.None);
        Assert.Equal(ErrorReasons.CertificateNotRegistered, Assert.Throws<DomainException>(() => _registry.Resolve("AA", Seed.Now)).Reason);
        Assert.Equal("s1", _registry.Resolve("DD", Seed.Now).Id);
        Assert.Equal(ErrorReasons.CertificateNotBound,
            (await Assert.ThrowsAsync<DomainException>(() => administration.UnbindAsync("AA", CancellationToken.None))).Reason);
    }

    [Fact]
    public async Task Unbinding_one_card_ends_only_its_sessions_and_the_bindings_of_each_owner_stay_apart()
    {
        var administration = Administration();
        await administration.AddStaffAsync(Draft("s1", "AA"), CancellationToken.None);
        await administration.BindAsync(CallerKind.Staff, "s1", Card("DD"), CancellationToken.None);
        await administration.AddSystemAsync("s1", "同じ名前のシステム", Roles.HealthSystem, Card("EE"), CancellationToken.None);
        var sessions = new StaffSessions(_sessions, SessionSettings.Default, _log, _clock);
        var (_, lost) = await sessions.SignInAsync(_registry.Resolve("AA", Seed.Now), CancellationToken.None);
        var (_, kept) = await sessions.SignInAsync(_registry.Resolve("DD", Seed.Now), CancellationToken.None);

        await administration.UnbindAsync("AA", CancellationToken.None);

        Assert.Equal(SessionEnd.CertificateUnbound, _sessions.Sessions[lost.SessionId].EndReason);
        Assert.Null(_sessions.Sessions[kept.SessionId].EndedAt);
        Assert.Equal(["AA", "DD"], _registry.BindingsOf(CallerKind.Staff, "s1").Select(b => b.Certificate.Thumbprint));
        Assert.Equal(["EE"], _registry.BindingsOf(CallerKind.System, "s1").Select(b => b.Certificate.Thumbprint));
        Assert.Equal((CallerKind.Staff, "s1"), _registry.OwnerOf("DD"));
        Assert.Null(_registry.OwnerOf("AA"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("名", true)]
    public async Task A_name_is_one_to_a_hundred_characters(string name, bool accepted)
    {
        var draft = Draft("s1", "AA") with { Name = name };
        if (accepted) await Administration().AddStaffAsync(draft, CancellationToken.None);
        else Assert.Equal("name", Assert.Single((await Assert.ThrowsAsync<DomainException>(() =>
            Administration().AddStaffAsync(draft, CancellationToken.None))).Violations).Field);
        await Administration().AddStaffAsync(Draft("s2", "BB") with { Name = new string('名', 100) }, CancellationToken.None);
        Assert.Equal("name", Assert.Single((await Assert.ThrowsAsync<DomainException>(() => Administration().AddStaffAsync(
            Draft("s3", "CC") with { Name = new string('名', 101) }, CancellationToken.None))).Violations).Field);
    }

    [Fact]
    public void An_id_is_one_to_thirty_two_safe_characters()
    {
        Assert.Equal(new string('a', 32), RegistryId.Require(new string('a', 32), "staff_id"));
        Assert.Equal("a-b_C9", RegistryId.Require("a-b_C9", "staff_id"));
        Assert.Throws<DomainException>(() => RegistryId.Require(new string('a', 33), "staff_id"));
        Assert.Throws<DomainException>(() => RegistryId.Require("a.b", "staff_id"));
        Assert.Throws<DomainException>(() => RegistryId.Require(null, "staff_id"));
    }

    [Fact]
    public async Task A_system_takes_only_a_system_role_and_staff_only_staff_roles()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            Administration().AddSystemAsync("x", "x", Roles.Reviewer, Card("AA"), CancellationToken.None));
        Assert.Equal("role", Assert.Single(refusal.Violations).Field);
        Assert.Contains(Roles.AddressSystem, refusal.Message);
        var mixed = await Assert.ThrowsAsync<DomainException>(() =>
            Administration().AddStaffAsync(Draft("s1", "BB", [Roles.Reviewer, Roles.Network]), CancellationToken.None));
        Assert.Equal("roles", Assert.Single(mixed.Violations).Field);
        Assert.Contains("administrator, auditor, reviewer", mixed.Message);
        Assert.Empty(_store.Systems);
        Assert.Empty(_store.Staff);
        Assert.True(Roles.All.SetEquals([Roles.Network, Roles.Gateway, Roles.HealthSystem, Roles.AddressSystem,
            Roles.Reviewer, Roles.Administrator, Roles.Auditor]));
        Assert.Equal(ErrorReasons.StaffNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            Administration().DeactivateAsync(CallerKind.Network, "hub", "", CancellationToken.None))).Reason);
    }

    [Theory]
    [InlineData("s 1", null, "staff_id")]
    [InlineData("", null, "staff_id")]
    [InlineData("s1", "network", "roles")]
    [InlineData("s1", "health-system", "roles")]
    public async Task A_bad_staff_draft_is_refused_by_field_and_stores_nothing(string id, string? role, string field)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            Administration().AddStaffAsync(Draft(id, "AA", role is null ? null : [role]), CancellationToken.None));
        Assert.Equal(field, Assert.Single(refusal.Violations).Field);
        Assert.Empty(_store.Staff);
    }

    [Fact]
    public async Task No_roles_a_bad_information_name_or_an_empty_period_are_refused()
    {
        var administration = Administration();
        Assert.Equal("roles", Assert.Single((await Assert.ThrowsAsync<DomainException>(() =>
            administration.AddStaffAsync(Draft("s1", "AA", []), CancellationToken.None))).Violations).Field);
        Assert.Equal("information_name_codes[0]", Assert.Single((await Assert.ThrowsAsync<DomainException>(() =>
            administration.AddStaffAsync(Draft("s1", "AA", names: ["XX1"]), CancellationToken.None))).Violations).Field);
        Assert.Equal("valid_to", Assert.Single((await Assert.ThrowsAsync<DomainException>(() =>
            administration.AddStaffAsync(Draft("s1", "AA", to: Seed.Now), CancellationToken.None))).Violations).Field);
        Assert.Empty(_store.Staff);
    }

    [Theory]
    [InlineData(Seed.Mito, true, 300, ErrorReasons.OtherInstitution)]
    [InlineData(null, true, 300, ErrorReasons.OtherInstitution)]
    [InlineData(Seed.Hitachinaka, false, 300, ErrorReasons.CertificateUnusable)]
    [InlineData(Seed.Hitachinaka, true, 0, ErrorReasons.CertificateUnusable)]
    public async Task A_certificate_of_another_institution_authority_or_past_its_end_is_not_bound(string? institution, bool ours, int days, string reason)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => Administration().AddSystemAsync("s", "x", Roles.AddressSystem,
            Card("EE", institution, ours, days), CancellationToken.None));
        Assert.Equal(reason, refusal.Reason);
        Assert.Empty(_store.Systems);
    }

    [Fact]
    public async Task Deactivating_or_binding_for_someone_unknown_is_not_found()
    {
        var administration = Administration();
        Assert.Equal(ErrorReasons.StaffNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            administration.DeactivateAsync(CallerKind.Staff, "nobody", "", CancellationToken.None))).Reason);
        Assert.Equal(ErrorReasons.SystemNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            administration.BindAsync(CallerKind.System, "nothing", Card("FF"), CancellationToken.None))).Reason);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(Seed.Osteoporosis, 1)]
    public void A_read_covers_the_name_asked_for_or_all_the_caller_may_see(string? requested, int count)
    {
        var unrestricted = new Caller(CallerKind.Staff, "s", Seed.Hitachinaka, new HashSet<string>(), new HashSet<string>(), "AA");
        Assert.Equal(count, unrestricted.InformationNamesFor(requested).Count);
        var restricted = unrestricted with { InformationNames = new HashSet<string> { Seed.Osteoporosis } };
        Assert.Equal([Seed.Osteoporosis], restricted.InformationNamesFor(requested));
        var refusal = Assert.Throws<DomainException>(() => restricted.InformationNamesFor(Seed.Cancer));
        Assert.Equal((ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed), (refusal.Kind, refusal.Reason));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("192.0.2.200", true)]
    [InlineData(null, false)]
    public void Sign_in_networks_allow_only_their_addresses(string? address, bool allowed)
    {
        var networks = new SignInNetworks([System.Net.IPNetwork.Parse("10.1.0.0/16"), System.Net.IPNetwork.Parse("192.0.2.0/24")]);
        Assert.Equal(allowed, networks.Allows(address is null ? null : System.Net.IPAddress.Parse(address)));
        Assert.True(SignInNetworks.Any.Allows(null));
    }
}
