using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Client;

/// <summary>How to reach the hub and how patiently.</summary>
public sealed class NetworkClientOptions
{
    public const string Section = "Network";

    [Required, Url] public string HubAddress { get; set; } = "";

    /// <summary>Deadline of one call to the hub.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")] public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of calls that are safe to repeat (symbols, list, permits); relays are never retried.</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.01", "00:01:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
