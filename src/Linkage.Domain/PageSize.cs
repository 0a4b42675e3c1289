namespace Linkage.Domain;

/// <summary>How many items one page of a listing holds: what the caller asked for, within bounds.</summary>
public static class PageSize
{
    public const int Default = 100;
    public const int Max = 1000;

    /// <summary>Zero or less means "the default"; more than <see cref="Max"/> is cut to the default too, so that a
    /// typo cannot ask for the whole table.</summary>
    public static int Of(int requested) => requested is > 0 and <= Max ? requested : Default;
}
