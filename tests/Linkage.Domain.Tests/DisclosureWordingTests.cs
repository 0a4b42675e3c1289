using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;
using Linkage.Domain.Records.Disclosure;

namespace Linkage.Domain.Tests;

/// <summary>Dates as municipal forms write them, and each outcome in the words a resident reads.</summary>
public sealed class DisclosureWordingTests
{
    [Theory]
    [InlineData(2026, 11, 28, "令和8年11月28日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1926, 12, 25, "昭和元年12月25日")]
    [InlineData(1926, 12, 24, "1926年12月24日")]
    public void Dates_are_written_in_the_era_with_its_first_year_as_gannen(int year, int month, int day, string expected)
    {
        var date = new DateOnly(year, month, day);
        Assert.Equal(expected, WarekiDate.Era(date));
        Assert.Equal($"{year}年{month}月{day}日", WarekiDate.Gregorian(date));
    }

    [Theory]
    [InlineData(RecordDirection.Incoming, ProvisionOutcome.Provided, "", "情報を提供しました。")]
    [InlineData(RecordDirection.Incoming, ProvisionOutcome.Held, "SUPPORT_MEASURE", "職員が確認するため、回答を保留しました。")]
    [InlineData(RecordDirection.Incoming, ProvisionOutcome.NotProvided, ErrorReasons.NoData, "該当する情報がなかったため、提供していません。")]
    [InlineData(RecordDirection.Incoming, ProvisionOutcome.NotProvided, "DECLINED_SUPPORT_MEASURE", "提供していません。")]
    [InlineData(RecordDirection.Outgoing, ProvisionOutcome.Provided, "", "情報の提供を受けました。")]
    [InlineData(RecordDirection.Outgoing, ProvisionOutcome.Held, "", "相手の機関で確認中のため、回答を待っています。")]
    [InlineData(RecordDirection.Outgoing, ProvisionOutcome.NotProvided, ErrorReasons.NoData, "該当する情報がなく、提供を受けていません。")]
    [InlineData(RecordDirection.Outgoing, ProvisionOutcome.NotProvided, "INQUIRY_NOT_PERMITTED", "提供を受けていません。")]
    public void Each_outcome_has_its_words(RecordDirection direction, ProvisionOutcome outcome, string reason, string words)
    {
        Assert.Equal(words, DisclosureWording.Outcome(direction, outcome, reason));
    }

    [Fact]
    public void The_summary_says_who_asked_whom_for_what()
    {
        Assert.Equal("水戸市長からの照会を受け、あなたの骨粗鬆症検診情報について回答しました。",
            DisclosureWording.Summary(RecordDirection.Incoming, "水戸市長", "骨粗鬆症検診情報"));
        Assert.Equal("ひたちなか市長に、あなたのがん検診情報を照会しました。",
            DisclosureWording.Summary(RecordDirection.Outgoing, "ひたちなか市長", "がん検診情報"));
    }
}
