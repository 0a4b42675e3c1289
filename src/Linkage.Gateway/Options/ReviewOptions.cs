using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>Review of held responses and the delivery of decided answers. Bound once from "Review" and validated on start.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>How long staff have to decide a held answer before it is escalated (it is never sent unreviewed).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")] public TimeSpan ReviewWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Deadlines per information name code, overriding <see cref="ReviewWindow"/>.</summary>
    public Dictionary<string, TimeSpan> Windows { get; set; } = [];

    /// <summary>Information name codes whose held answers need two reviewers' approval.</summary>
    public List<string> TwoPersonInformationNames { get; set; } = [];

    /// <summary>Hold reasons (flag reason codes) whose held answers need two reviewers' approval.</summary>
    public List<string> TwoPersonHoldReasons { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts to deliver a decided answer before it is parked for an administrator.</summary>
    [Range(1, 100)] public int DeliveryAttempts { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.01", "00:10:00")] public TimeSpan DeliveryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")] public TimeSpan DeliveryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the outbox is looked at when nothing woke it (after a restart, for instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:10:00")] public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
