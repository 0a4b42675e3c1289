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
}
