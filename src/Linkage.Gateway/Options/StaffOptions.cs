using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Linkage.Gateway.Options;

/// <summary>Staff sessions and where staff may sign in from. Bound once from the "Staff" section and validated on start.</summary>
public sealed class StaffOptions : IValidatableObject
{
    public const string Section = "Staff";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")] public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often ended sessions are looked for, so that a left terminal is signed out without another call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The designated terminals' networks (CIDR, e.g. 10.1.2.0/24) from which staff may sign in; empty: any.</summary>
    public List<string> SignInNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in SignInNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"'{network}' is not a network in CIDR form.", [nameof(SignInNetworks)]);
        if (IdleTimeout > SessionLifetime)
            yield return new ValidationResult("The idle time-out cannot exceed the session lifetime.", [nameof(IdleTimeout)]);
    }
}
