using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>The staff console. Bound once from the "Console" section; without a Url the gateway serves no console.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Where the console listens, e.g. https://0.0.0.0:7101: a port of its own beside the gRPC port.
    /// Only https: the staff certificate is asked for in the TLS handshake, so a console without TLS has nobody to serve.</summary>
    [Url, RegularExpression("^https://.*", ErrorMessage = "The console listens on https only (Console:Url).")]
    public string? Url { get; set; }

    public int? Port => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Port : null;
}
