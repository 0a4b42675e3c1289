using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Who may change which hold flag, for administrators and the health management system alike: information names in
/// the caller's scope, persons of its own institution, and a system on one person at a time and its own flags only.
/// </summary>
public sealed class HoldFlagCallerTests
{
    private const string NotHeld = "TM00000000099999"; // a well-formed information name this gateway holds no copies of
    private static readonly InternalAddressNumber Person = InternalAddressNumber.Parse(Seed.PersonNumber);
    private static readonly InformationNameCode Osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);

    private readonly FakeHoldFlagStore _store = new();
    private readonly HoldFlagIndex _index;
    private readonly HoldFlagAdministration _flags;

    public HoldFlagCallerTests()
    {
        var clock = new FakeTimeProvider(Seed.Now);
        _index = new HoldFlagIndex(clock);
        _flags = new HoldFlagAdministration(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), _store, _index, clock);
    }

    /// <summary>The health management system as the registry resolves it: its scope comes with its role.</summary>
    private static Caller HealthSystem(string id = "hms", string institution = Seed.Hitachinaka)
    {
        var system = new ConnectedSystem(id, "health management", InstitutionCode.Parse(institution), Roles.HealthSystem, null, "");
        return new Caller(CallerKind.System, id, institution, new HashSet<string> { system.Role }, system.InformationNames, "BB");
    }

    private static Caller Admin(params string[] names) => new(CallerKind.Staff, "staff-0002", Seed.Hitachinaka,
        new HashSet<string> { Roles.Administrator }, new HashSet<string>(names), "AA", "session");

    private static HoldFlagAdministration.Draft Draft(string person = Seed.PersonNumber, string name = "") =>
        new(person, name, HoldFlagReason.SupportMeasure, "", null, null);

    private Task<HoldFlag> SetAsync(HoldFlagAdministration.Draft draft, Caller by) => _flags.SetAsync(draft, by, CancellationToken.None);

    private Task<HoldFlag> ClearAsync(string flagId, Caller by) => _flags.ClearAsync(flagId, "ended", by, CancellationToken.None);

    [Theory]
    [InlineData("")]
    [InlineData(Seed.Osteoporosis)]
    [InlineData(Seed.Periodontal)]
    public async Task The_health_system_flags_a_person_for_the_information_names_it_registers_in_its_own_name(string name)
    {
        var flag = await SetAsync(Draft(name: name), HealthSystem());

        Assert.Equal("hms", flag.SetBy);
        Assert.Equal(flag, Assert.Single(_store.Flags));
        Assert.Equal("SUPPORT_MEASURE", await _index.HoldReasonAsync(Person, InformationNameCode.Parse(name.Length > 0 ? name : Seed.Periodontal),
            CancellationToken.None));
    }

    public static TheoryData<string, string, ErrorKind, string> SystemRefusals => new()
    {
        { Seed.PersonNumber, NotHeld, ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed },
        { "", Seed.Osteoporosis, ErrorKind.InvalidArgument, ErrorReasons.MissingField },
    };

    [Theory]
    [MemberData(nameof(SystemRefusals))]
    public async Task The_health_system_may_not_flag_other_information_names_or_everyone_for_a_name_and_nothing_is_set(
        string person, string name, ErrorKind kind, string reason)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SetAsync(Draft(person, name), HealthSystem()));

        Assert.Equal((kind, reason), (refusal.Kind, refusal.Reason));
        Assert.Empty(_store.Flags);
        Assert.Equal(0, _index.Count);
    }

    [Fact]
    public async Task A_caller_of_another_institution_flags_nobody_here()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => SetAsync(Draft(), HealthSystem(institution: Seed.Mito)));

        Assert.Equal((ErrorKind.PermissionDenied, ErrorReasons.OtherInstitution), (refusal.Kind, refusal.Reason));
        Assert.Empty(_store.Flags);
    }

    [Fact]
    public async Task An_administrator_restricted_to_a_name_flags_that_name_only_not_all_of_them_at_once()
    {
        var restricted = Admin(Seed.Osteoporosis);

        await SetAsync(Draft(name: Seed.Osteoporosis), restricted);
        var other = await Assert.ThrowsAsync<DomainException>(() => SetAsync(Draft(name: Seed.Cancer), restricted));
        var every = await Assert.ThrowsAsync<DomainException>(() => SetAsync(Draft(), restricted));

        Assert.Equal(ErrorReasons.InformationNameNotAllowed, other.Reason);
        Assert.Equal(ErrorReasons.InformationNameNotAllowed, every.Reason);
        Assert.Contains("holds every one", every.Message, StringComparison.Ordinal);
        Assert.Contains("this information name", other.Message, StringComparison.Ordinal);
        Assert.Single(_store.Flags);
    }

    [Fact]
    public async Task The_health_system_clears_its_own_flags_an_administrator_any_and_the_system_not_an_administrators()
    {
        var own = await SetAsync(Draft(name: Seed.Osteoporosis), HealthSystem());
        var administrators = await SetAsync(Draft(), Admin());
        var anotherSystems = await SetAsync(Draft(name: Seed.Cancer), HealthSystem("hms-2"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => ClearAsync(administrators.FlagId, HealthSystem()));
        var notItsOwn = await Assert.ThrowsAsync<DomainException>(() => ClearAsync(anotherSystems.FlagId, HealthSystem()));
        var cleared = await ClearAsync(own.FlagId, HealthSystem());
        await ClearAsync(anotherSystems.FlagId, Admin());

        Assert.Equal((ErrorKind.PermissionDenied, ErrorReasons.PeerNotAuthorized), (refused.Kind, refused.Reason));
        Assert.Equal(ErrorReasons.PeerNotAuthorized, notItsOwn.Reason);
        Assert.Equal("hms", cleared.ClearedBy);
        Assert.Equal(administrators.FlagId, Assert.Single(_store.Flags, f => !f.IsCleared).FlagId);
        Assert.Equal("SUPPORT_MEASURE", await _index.HoldReasonAsync(Person, Osteoporosis, CancellationToken.None));
    }

    [Fact]
    public async Task An_administrator_restricted_to_a_name_clears_no_flag_beyond_it()
    {
        var onEveryName = await SetAsync(Draft(), Admin());

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ClearAsync(onEveryName.FlagId, Admin(Seed.Osteoporosis)));

        Assert.Equal(ErrorReasons.InformationNameNotAllowed, refusal.Reason);
        Assert.False(Assert.Single(_store.Flags).IsCleared);
    }
}
