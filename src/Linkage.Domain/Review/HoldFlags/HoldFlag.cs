using Linkage.Domain.Codes;

namespace Linkage.Domain.Review.HoldFlags;

/// <summary>
/// 自動応答不可フラグ: answers about this person, this information name, or the pair, wait for a reviewer while the flag
/// is in force. A flag without a person holds every person's answers for its information name, and the reverse.
/// </summary>
public sealed record HoldFlag(
    string FlagId,
    InternalAddressNumber? Person,
    InformationNameCode? InformationName,
    HoldFlagReason Reason,
    string ReasonText,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    string SetBy,
    DateTimeOffset SetAt,
    DateTimeOffset? ClearedAt = null,
    string ClearedBy = "",
    string ClearReason = "")
{
    public bool IsCleared => ClearedAt is not null;

    public bool IsInForceAt(DateTimeOffset now) => ClearedAt is null && now >= EffectiveFrom && (EffectiveTo is null || now < EffectiveTo);
}

/// <summary>Why a flag was set; the numbers are the contract's, so that an unknown number stays recognisably unknown.</summary>
public enum HoldFlagReason
{
    Unspecified = 0,
    SupportMeasure = 1,
    CourtOrder = 2,
    DataUnderCorrection = 3,
    Other = 4,
}

public static class HoldFlagReasons
{
    /// <summary>
    /// The hold reason that reviewers see on a held answer: the code only, because the free text of "other" is an
    /// administrator's note that may name circumstances of the person.
    /// </summary>
    public static string Code(this HoldFlagReason reason) => reason switch
    {
        HoldFlagReason.SupportMeasure => "SUPPORT_MEASURE",
        HoldFlagReason.CourtOrder => "COURT_ORDER",
        HoldFlagReason.DataUnderCorrection => "DATA_UNDER_CORRECTION",
        HoldFlagReason.Other => "OTHER",
        _ => "UNSPECIFIED",
    };

    public static bool IsKnown(this HoldFlagReason reason) =>
        reason is HoldFlagReason.SupportMeasure or HoldFlagReason.CourtOrder or HoldFlagReason.DataUnderCorrection or HoldFlagReason.Other;
}
