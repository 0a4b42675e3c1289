namespace Linkage.Domain.Review;

/// <summary>Why a reviewer declines; the inquirer receives "not provided" with <see cref="DeclineReasons.Code"/>.</summary>
public enum DeclineReason
{
    /// <summary>Non-disclosure under a support measure (支援措置).</summary>
    SupportMeasure = 1,
    NoData = 2,

    /// <summary>Other, with a text that stays here (it may name the person).</summary>
    Other = 3,
}

public static class DeclineReasons
{
    /// <summary>The not-provided reason the inquirer receives: never the reviewer's text.</summary>
    public static string Code(DeclineReason reason) => reason switch
    {
        DeclineReason.SupportMeasure => "DECLINED_SUPPORT_MEASURE",
        DeclineReason.NoData => Errors.ErrorReasons.NoData,
        _ => "DECLINED",
    };
}
