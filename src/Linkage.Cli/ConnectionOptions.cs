using System.CommandLine;
using Grpc.Net.Client;

namespace Linkage.Cli;

/// <summary>The options every networked command shares: the address (--gateway), --cert and --ca.</summary>
public sealed class ConnectionOptions
{
    public ConnectionOptions(string addressName = "--gateway", params string[] aliases)
    {
        Address = new Option<string>(addressName, aliases) { Description = "Address of the gateway (https://host:port)", Required = true };
        Certificate = new Option<string>("--cert")
        {
            Description = "PATH of a PEM pair PATH.pem / PATH.key; the authority is ca.pem beside it unless --ca is given",
            Required = true,
        };
        Authority = new Option<string?>("--ca") { Description = "The authority certificate (PEM)" };
    }

    public Option<string> Address { get; }
    public Option<string> Certificate { get; }
    public Option<string?> Authority { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(Certificate);
        command.Options.Add(Authority);
    }

    public GrpcChannel Open(ParseResult parsed) =>
        Connections.Open(parsed.GetValue(Address)!, parsed.GetValue(Certificate)!, parsed.GetValue(Authority));

    /// <summary>--json: plain JSON on stdout for scripts, no colours or tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write plain JSON to stdout (for scripts)" };
}
