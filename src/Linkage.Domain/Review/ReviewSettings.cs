using Linkage.Domain.Codes;

namespace Linkage.Domain.Review;

/// <summary>
/// How held responses are reviewed: the deadline (per information name, else the default window) and which of them
/// need two reviewers' approval (by information name or by hold reason).
/// </summary>
public sealed record ReviewSettings(
    TimeSpan DefaultWindow,
    IReadOnlyDictionary<string, TimeSpan> Windows,
    IReadOnlySet<string> TwoPersonInformationNames,
    IReadOnlySet<string> TwoPersonHoldReasons)
{
    public static readonly ReviewSettings Default = new(TimeSpan.FromDays(3), new Dictionary<string, TimeSpan>(),
        new HashSet<string>(), new HashSet<string>());

    public DateTimeOffset DeadlineFrom(DateTimeOffset received, InformationNameCode informationName) =>
        received + (Windows.TryGetValue(informationName.Value, out var window) ? window : DefaultWindow);

    public bool NeedsTwoReviewers(InformationNameCode informationName, string holdReason) =>
        TwoPersonInformationNames.Contains(informationName.Value) || TwoPersonHoldReasons.Contains(holdReason);
}
