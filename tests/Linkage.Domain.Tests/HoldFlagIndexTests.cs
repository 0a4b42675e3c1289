using Linkage.Domain.Codes;
using Linkage.Domain.Review.HoldFlags;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>Which flag answers when several match, and what a reload leaves in the index.</summary>
public sealed class HoldFlagIndexTests
{
    private readonly HoldFlagIndex _index = new(new FakeTimeProvider(Seed.Now));

    private static HoldFlag Flag(string id, InternalAddressNumber? person, string? name, HoldFlagReason reason) =>
        new(id, person, name is null ? null : InformationNameCode.Parse(name), reason, "", Seed.Now.AddDays(-1), null, "admin", Seed.Now.AddDays(-1));

    [Fact]
    public async Task The_pair_flag_answers_before_the_persons_and_the_persons_before_the_information_names()
    {
        var osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);
        _index.Add(Flag("name", null, Seed.Osteoporosis, HoldFlagReason.DataUnderCorrection));
        Assert.Equal("DATA_UNDER_CORRECTION", await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
        _index.Add(Flag("person", Seed.Person, null, HoldFlagReason.SupportMeasure));
        Assert.Equal("SUPPORT_MEASURE", await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
        _index.Add(Flag("pair", Seed.Person, Seed.Osteoporosis, HoldFlagReason.CourtOrder));
        Assert.Equal("COURT_ORDER", await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
    }

    [Fact]
    public async Task A_reload_replaces_what_was_there_and_leaves_cleared_flags_out()
    {
        _index.Add(Flag("old", Seed.Person, null, HoldFlagReason.SupportMeasure));
        _index.Replace([Flag("new", null, Seed.Cancer, HoldFlagReason.CourtOrder),
            Flag("cleared", null, Seed.Osteoporosis, HoldFlagReason.CourtOrder) with { ClearedAt = Seed.Now }]);
        Assert.Equal(1, _index.Count);
        Assert.Null(_index.Get("old"));
        Assert.Null(await _index.HoldReasonAsync(Seed.Person, InformationNameCode.Parse(Seed.Osteoporosis), CancellationToken.None));
        Assert.Equal("COURT_ORDER", await _index.HoldReasonAsync(Seed.Person, InformationNameCode.Parse(Seed.Cancer), CancellationToken.None));
        _index.Remove("no-such-flag");
        Assert.Equal(1, _index.Count);
    }

    [Fact]
    public async Task A_reload_forgets_the_pair_and_information_name_flags_it_does_not_bring()
    {
        var osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);
        _index.Add(Flag("name", null, Seed.Osteoporosis, HoldFlagReason.DataUnderCorrection));
        _index.Add(Flag("pair", Seed.Person, Seed.Osteoporosis, HoldFlagReason.CourtOrder));
        _index.Replace([Flag("elsewhere", Seed.InquirerPerson, null, HoldFlagReason.SupportMeasure)]);
        Assert.Null(await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
    }

    [Fact]
    public async Task Two_flags_on_one_key_both_hold_and_removing_one_leaves_the_other()
    {
        var osteoporosis = InformationNameCode.Parse(Seed.Osteoporosis);
        _index.Add(Flag("first", Seed.Person, Seed.Osteoporosis, HoldFlagReason.CourtOrder));
        _index.Add(Flag("second", Seed.Person, Seed.Osteoporosis, HoldFlagReason.SupportMeasure));
        _index.Add(Flag("second", Seed.Person, Seed.Osteoporosis, HoldFlagReason.SupportMeasure)); // the same id again: one flag
        Assert.Equal(2, _index.Count);
        _index.Remove("second");
        Assert.Equal("COURT_ORDER", await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
        _index.Remove("first");
        Assert.Null(await _index.HoldReasonAsync(Seed.Person, osteoporosis, CancellationToken.None));
        Assert.Null(_index.Get("first"));
        Assert.Equal(0, _index.Count);
    }

    [Fact]
    public void A_refresh_read_before_a_change_on_this_node_changes_nothing_and_one_read_after_it_does()
    {
        var flag = Flag("set-here", Seed.Person, null, HoldFlagReason.SupportMeasure);
        foreach (var change in new Action[] { () => _index.Add(flag), () => _index.Remove(flag.FlagId), () => _index.Replace([flag]) })
        {
            var read = _index.Generation;
            var present = _index.Get(flag.FlagId) is not null;
            change();
            // What the refresh read is from before the change: applying it would undo the change.
            Assert.False(_index.SyncIf(present ? [flag] : [], read));
        }
        Assert.NotNull(_index.Get(flag.FlagId));
        Assert.True(_index.SyncIf([], _index.Generation));
        Assert.Null(_index.Get(flag.FlagId));
    }

    [Fact]
    public void Of_two_refreshes_read_at_one_moment_only_the_first_to_apply_changes_the_index()
    {
        var read = _index.Generation;
        var newer = Flag("newer", Seed.Person, null, HoldFlagReason.SupportMeasure);
        Assert.True(_index.SyncIf([newer], read));
        // The other read the same state of the index but may hold an older read of the store: it must not undo this.
        Assert.False(_index.SyncIf([], read));
        Assert.NotNull(_index.Get("newer"));
    }
}
