using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Client;

/// <summary>How to reach the hub and how patiently.</summary>
public sealed class NetworkClientOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>https only: the hub's channel carries permits and answers, and is mutual TLS or nothing.</summary>
    [Required, Url, RegularExpression("^(?i:https)://.+", ErrorMessage = "The hub's address must be https://.")]
    public string HubAddress { get; set; } = "";

    /// <summary>
    /// Whom the hub's certificate must name (its institution code, with the network role): a certificate of our
    /// authority alone could be any peer's. Set by the host from its own setting (the gateway's
    /// Gateway:HubInstitutionCode), so that one key says who the hub is.
    /// </summary>
    [Required, RegularExpression("^[0-9]{16}$")] public string HubInstitutionCode { get; set; } = "";

    /// <summary>Deadline of one call to the hub.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")] public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of calls that are safe to repeat (symbols, list, permits); relays are never retried.</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.01", "00:01:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Faults injected into our own calls to the hub (section "Network:Chaos"); none by default.</summary>
    public HubChaosOptions Chaos { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Chaos, new ValidationContext(Chaos), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"Chaos: {r.ErrorMessage}", r.MemberNames.Select(m => $"Chaos:{m}")));
    }
}
