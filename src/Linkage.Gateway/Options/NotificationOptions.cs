using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>
/// Where the gateway tells operators that a background job turned failing or recovered (section "Notifications").
/// Bound once and validated on start; without an endpoint nothing is sent.
/// </summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>An absolute http or https URL that takes a JSON POST; empty: no notifications.</summary>
    public string? Endpoint { get; set; }

    /// <summary>How long one attempt may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per notification before it is given up (and logged).</summary>
    [Range(1, 20)] public int Attempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.01", "00:10:00")] public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")] public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public Uri? EndpointUri => string.IsNullOrWhiteSpace(Endpoint) ? null : new Uri(Endpoint, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Endpoint)) yield break;
        // The URL itself is not repeated: it may carry a token.
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult("The notification endpoint must be an absolute http or https URL.", [nameof(Endpoint)]);
    }
}
