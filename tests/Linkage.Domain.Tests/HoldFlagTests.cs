using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Hold flags: which inquiries a flag holds (person, information name, the pair, its period), that no inquiry slips
/// out while a flag is being set or cleared, and what an administrator is refused.
/// </summary>
public sealed class HoldFlagTests
{
    private const string Other = "082210000000008";
    private static readonly InternalAddressNumber Person = InternalAddressNumber.Parse(Seed.PersonNumber);
    private static readonly InternalAddressNumber OtherPerson = InternalAddressNumber.Parse(Other);
    private static readonly InformationNameCode Osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);
    private static readonly InformationNameCode Cancer = InformationNameCode.Parse(Seed.Cancer);

    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeHoldFlagStore _store = new();
    private readonly HoldFlagIndex _index;
    private readonly HoldFlagAdministration _flags;

    public HoldFlagTests()
    {
        _index = new HoldFlagIndex(_clock);
        _flags = new HoldFlagAdministration(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), _store, _index, _clock);
    }

    private static HoldFlagAdministration.Draft Draft(string person = "", string name = "", HoldFlagReason reason = HoldFlagReason.SupportMeasure,
        string text = "", DateTimeOffset? from = null, DateTimeOffset? to = null) => new(person, name, reason, text, from, to);

    private Task<string?> HoldAsync(InternalAddressNumber person, InformationNameCode name) => _index.HoldReasonAsync(person, name, CancellationToken.None);

    private Task<HoldFlag> SetAsync(HoldFlagAdministration.Draft draft) => _flags.SetAsync(draft, Admin("staff-0002"), CancellationToken.None);

    private static Caller Admin(string id) => new(CallerKind.Staff, id, Seed.Hitachinaka,
        new HashSet<string> { Roles.Administrator }, new HashSet<string>(), "AA", "session");

    [Fact]
    public async Task A_flag_on_a_person_holds_each_of_their_information_names_and_nobody_else()
    {
        var flag = await SetAsync(Draft(person: Seed.PersonNumber));

        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Osteoporosis));
        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Cancer));
        Assert.Null(await HoldAsync(OtherPerson, Osteoporosis));
        Assert.Equal(("staff-0002", Seed.Now, Seed.Now), (flag.SetBy, flag.SetAt, flag.EffectiveFrom));
        Assert.Equal(flag, Assert.Single(_store.Flags));
    }

    [Fact]
    public async Task A_flag_on_an_information_name_holds_every_person_for_it_only()
    {
        await SetAsync(Draft(name: Seed.Cancer, reason: HoldFlagReason.DataUnderCorrection));

        Assert.Equal("DATA_UNDER_CORRECTION", await HoldAsync(Person, Cancer));
        Assert.Equal("DATA_UNDER_CORRECTION", await HoldAsync(OtherPerson, Cancer));
        Assert.Null(await HoldAsync(Person, Osteoporosis));
    }

    [Fact]
    public async Task A_flag_on_the_pair_holds_that_person_for_that_information_name_only_with_the_code_not_the_text()
    {
        await SetAsync(Draft(Seed.PersonNumber, Seed.Osteoporosis, HoldFlagReason.Other, "申出により確認中"));

        Assert.Equal("OTHER", await HoldAsync(Person, Osteoporosis));
        Assert.Null(await HoldAsync(Person, Cancer));
        Assert.Null(await HoldAsync(OtherPerson, Osteoporosis));
    }

    [Fact]
    public async Task A_flag_holds_from_its_start_until_just_before_its_end()
    {
        await SetAsync(Draft(person: Seed.PersonNumber, reason: HoldFlagReason.CourtOrder, from: Seed.Now.AddHours(1), to: Seed.Now.AddHours(2)));

        Assert.Null(await HoldAsync(Person, Osteoporosis));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("COURT_ORDER", await HoldAsync(Person, Osteoporosis));
        _clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Equal("COURT_ORDER", await HoldAsync(Person, Osteoporosis));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await HoldAsync(Person, Osteoporosis));
    }

    [Fact]
    public async Task Among_ten_thousand_flags_each_is_found_by_its_keys_and_the_unflagged_are_not_held()
    {
        var flags = Enumerable.Range(0, 10_000).Select(i => new HoldFlag($"hf-{i}", InternalAddressNumber.Parse($"0822100{i:D8}"),
            i % 2 == 0 ? Osteoporosis : null, HoldFlagReason.SupportMeasure, "", Seed.Now, null, "staff-0002", Seed.Now)).ToList();
        _index.Replace(flags);

        Assert.Equal(10_000, _index.Count);
        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(InternalAddressNumber.Parse("082210000009998"), Osteoporosis));
        Assert.Null(await HoldAsync(InternalAddressNumber.Parse("082210000009998"), Cancer));
        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(InternalAddressNumber.Parse("082210000009999"), Cancer));
        Assert.Null(await HoldAsync(InternalAddressNumber.Parse("082219999999999"), Osteoporosis));
        _index.Remove("hf-9999");
        Assert.Null(await HoldAsync(InternalAddressNumber.Parse("082210000009999"), Cancer));
    }

    [Fact]
    public async Task A_flag_holds_inquiries_while_its_row_is_still_being_written()
    {
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var setting = SetAsync(Draft(person: Seed.PersonNumber));
        await _store.Writing.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(_store.Flags);
        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Osteoporosis));
        _store.Gate.SetResult();
        await setting;
        Assert.Single(_store.Flags);
        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Osteoporosis));
    }

    [Fact]
    public async Task A_flag_whose_row_cannot_be_written_is_withdrawn_from_memory_and_the_failure_reported()
    {
        _store.Failure = new IOException("disk full");

        await Assert.ThrowsAsync<IOException>(() => SetAsync(Draft(person: Seed.PersonNumber)));

        Assert.Null(await HoldAsync(Person, Osteoporosis));
        Assert.Equal(0, _index.Count);
    }

    [Fact]
    public async Task A_cleared_flag_holds_inquiries_until_its_clearing_is_written()
    {
        var flag = await SetAsync(Draft(person: Seed.PersonNumber));
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clearing = _flags.ClearAsync(flag.FlagId, "support ended", Admin("staff-0003"), CancellationToken.None);
        await _store.Writing.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Osteoporosis));
        _store.Gate.SetResult();
        var cleared = await clearing;
        Assert.Null(await HoldAsync(Person, Osteoporosis));
        Assert.Equal(("staff-0003", "support ended", (DateTimeOffset?)Seed.Now), (cleared.ClearedBy, cleared.ClearReason, cleared.ClearedAt));
    }

    [Fact]
    public async Task A_clearing_that_cannot_be_written_leaves_the_flag_holding()
    {
        var flag = await SetAsync(Draft(person: Seed.PersonNumber));
        _store.Failure = new IOException("disk full");

        await Assert.ThrowsAsync<IOException>(() => _flags.ClearAsync(flag.FlagId, "support ended", Admin("staff-0002"), CancellationToken.None));

        Assert.Equal("SUPPORT_MEASURE", await HoldAsync(Person, Osteoporosis));
    }

    [Fact]
    public async Task Clearing_an_unknown_or_cleared_flag_is_not_found_and_a_clearing_needs_a_reason()
    {
        var flag = await SetAsync(Draft(person: Seed.PersonNumber));
        await _flags.ClearAsync(flag.FlagId, "ended", Admin("staff-0002"), CancellationToken.None);

        var twice = await Assert.ThrowsAsync<DomainException>(() => _flags.ClearAsync(flag.FlagId, "again", Admin("staff-0002"), CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => _flags.ClearAsync("hf-nonexistent", "x", Admin("staff-0002"), CancellationToken.None));
        var noReason = await Assert.ThrowsAsync<DomainException>(() => _flags.ClearAsync(flag.FlagId, " ", Admin("staff-0002"), CancellationToken.None));

        Assert.Equal((ErrorKind.NotFound, ErrorReasons.HoldFlagNotFound), (twice.Kind, twice.Reason));
        Assert.Equal((ErrorKind.NotFound, ErrorReasons.HoldFlagNotFound), (unknown.Kind, unknown.Reason));
        Assert.Equal((ErrorKind.InvalidArgument, "reason"), (noReason.Kind, Assert.Single(noReason.Violations).Field));
        Assert.Equal("ended", Assert.Single(_store.Flags).ClearReason);
    }

    public static TheoryData<string, string, HoldFlagReason, string, int?, string> Refused => new()
    {
        { "", "", HoldFlagReason.SupportMeasure, "", null, "internal_address_number" },
        { "08221000000000X", "", HoldFlagReason.SupportMeasure, "", null, "internal_address_number" },
        { "", "TM0000000001390", HoldFlagReason.SupportMeasure, "", null, "information_name_code" },
        { Seed.PersonNumber, "", HoldFlagReason.Unspecified, "", null, "reason" },
        { Seed.PersonNumber, "", (HoldFlagReason)9, "", null, "reason" },
        { Seed.PersonNumber, "", HoldFlagReason.Other, "  ", null, "reason_text" },
        { Seed.PersonNumber, "", HoldFlagReason.CourtOrder, "", 0, "effective_to" },
        { Seed.PersonNumber, "", HoldFlagReason.CourtOrder, "", -1, "effective_to" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_flag_is_refused_with_its_field_and_nothing_is_held_or_stored(
        string person, string name, HoldFlagReason reason, string text, int? toHours, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            SetAsync(Draft(person, name, reason, text, Seed.Now, toHours is { } h ? Seed.Now.AddHours(h) : null)));

        Assert.Equal((ErrorKind.InvalidArgument, field), (error.Kind, Assert.Single(error.Violations).Field));
        Assert.Empty(_store.Flags);
        Assert.Equal(0, _index.Count);
    }

    [Fact]
    public async Task A_list_pages_with_the_token_of_its_last_flag_and_a_foreign_token_is_refused()
    {
        for (var i = 0; i < 3; i++) await SetAsync(Draft(person: $"08221000000000{i}"));

        var first = await _flags.ListAsync(false, "", "", 2, "", CancellationToken.None);
        var second = await _flags.ListAsync(false, "", "", 2, first.NextPageToken, CancellationToken.None);
        var foreign = await Assert.ThrowsAsync<DomainException>(() => _flags.ListAsync(false, "", "", 2, "abc", CancellationToken.None));

        Assert.Equal(2, first.Flags.Count);
        Assert.Equal(_store.Flags[2], Assert.Single(second.Flags));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal("page_token", Assert.Single(foreign.Violations).Field);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(1001, "", "page_size")]
    [InlineData(10, "-1", "page_token")]
    [InlineData(10, "+1", "page_token")]
    [InlineData(10, " 1", "page_token")]
    public async Task A_list_outside_its_bounds_is_refused_with_the_field(int pageSize, string token, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _flags.ListAsync(false, "", "", pageSize, token, CancellationToken.None));

        Assert.Equal((ErrorKind.InvalidArgument, field), (error.Kind, Assert.Single(error.Violations).Field));
    }

    [Fact]
    public async Task A_list_without_a_size_gives_the_default_page_and_the_largest_page_is_allowed()
    {
        for (var i = 0; i < HoldFlagAdministration.DefaultPageSize + 1; i++) await SetAsync(Draft(person: $"08221{i:0000000000}"));

        var unsized = await _flags.ListAsync(false, "", "", 0, "", CancellationToken.None);
        var largest = await _flags.ListAsync(false, "", "", HoldFlagAdministration.MaxPageSize, "", CancellationToken.None);
        await _flags.ListAsync(true, "082210000000005", Seed.Cancer, 0, "7", CancellationToken.None);

        Assert.Equal(HoldFlagAdministration.DefaultPageSize, unsized.Flags.Count);
        Assert.Equal(HoldFlagAdministration.DefaultPageSize + 1, largest.Flags.Count);
        Assert.Equal(new HoldFlagQuery(true, InternalAddressNumber.Parse("082210000000005"), Cancer, 7, HoldFlagAdministration.DefaultPageSize),
            _store.LastQuery);
    }

    [Fact]
    public async Task Texts_of_five_hundred_characters_are_kept_and_longer_ones_refused()
    {
        var longest = new string('x', 500);
        var flag = await SetAsync(Draft(Seed.PersonNumber, "", HoldFlagReason.Other, longest, Seed.Now, null));
        var tooLong = await Assert.ThrowsAsync<DomainException>(() =>
            SetAsync(Draft(Seed.PersonNumber, "", HoldFlagReason.Other, longest + "x", Seed.Now, null)));
        var clearTooLong = await Assert.ThrowsAsync<DomainException>(() =>
            _flags.ClearAsync(flag.FlagId, longest + "x", Admin("staff-0002"), CancellationToken.None));
        var idTooLong = await Assert.ThrowsAsync<DomainException>(() =>
            _flags.ClearAsync(new string('h', 65), "ended", Admin("staff-0002"), CancellationToken.None));
        await Assert.ThrowsAsync<DomainException>(() => _flags.ClearAsync(new string('h', 64), "ended", Admin("staff-0002"), CancellationToken.None));
        await _flags.ClearAsync(flag.FlagId, longest, Admin("staff-0002"), CancellationToken.None);

        Assert.Equal(longest, flag.ReasonText);
        Assert.Equal("reason_text", Assert.Single(tooLong.Violations).Field);
        Assert.Equal("reason", Assert.Single(clearTooLong.Violations).Field);
        Assert.Equal(ErrorReasons.HoldFlagNotFound, idTooLong.Reason);
        Assert.Equal(2, _store.Lookups); // the 64-character id and the real one; never the 65-character id
        Assert.Equal(longest, Assert.Single(_store.Flags).ClearReason);
    }

    [Fact]
    public async Task A_flag_has_a_new_id_and_whole_millisecond_times_and_a_cancelled_set_changes_nothing()
    {
        _clock.SetUtcNow(Seed.Now.AddTicks(12_345));
        var first = await SetAsync(Draft(person: Seed.PersonNumber, to: Seed.Now.AddDays(1).AddTicks(9_999)));
        var second = await SetAsync(Draft(person: Other));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _flags.SetAsync(Draft(name: Seed.Cancer), Admin("staff-0002"), cancelled.Token));

        Assert.Matches("^hf-[a-km-np-z2-9]{12}$", first.FlagId);
        Assert.NotEqual(first.FlagId, second.FlagId);
        // Seed.Now is a whole millisecond; 12,345 ticks are 1.2345 ms past it.
        Assert.Equal((Seed.Now.AddMilliseconds(1), Seed.Now.AddDays(1)), (first.SetAt, first.EffectiveTo!.Value));
        Assert.Equal(2, _store.Flags.Count);
        Assert.Equal(2, _index.Count);
    }

    [Fact]
    public async Task At_start_the_flags_in_force_are_loaded_and_the_cleared_and_expired_are_not()
    {
        _store.Flags.Add(new HoldFlag("hf-a", Person, null, HoldFlagReason.CourtOrder, "", Seed.Now, null, "s", Seed.Now));
        _store.Flags.Add(new HoldFlag("hf-b", OtherPerson, null, HoldFlagReason.CourtOrder, "", Seed.Now, null, "s", Seed.Now, Seed.Now, "s", "x"));
        _store.Flags.Add(new HoldFlag("hf-c", null, Cancer, HoldFlagReason.CourtOrder, "", Seed.Now.AddDays(-2), Seed.Now.AddDays(-1), "s", Seed.Now));

        await _flags.LoadAsync(CancellationToken.None);

        Assert.Equal(1, _index.Count);
        Assert.Equal("COURT_ORDER", await HoldAsync(Person, Osteoporosis));
        Assert.Null(await HoldAsync(OtherPerson, Cancer));
    }
}
