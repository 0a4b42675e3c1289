using System.CommandLine;
using Grpc.Net.Client;
using Linkage.Transport;

namespace Linkage.Cli;

/// <summary>
/// The options every networked command shares: the address (--gateway), --cert, --ca and, for the commands that
/// staff run in a session, --session-file.
/// </summary>
public sealed class ConnectionOptions
{
    public const string SessionFileName = "--session-file";

    public ConnectionOptions(string addressName = "--gateway", params string[] aliases) : this(sessions: true, addressName, aliases) { }

    /// <param name="sessions">Whether the command sends the stored staff session (health does not need one).</param>
    public ConnectionOptions(bool sessions, string addressName = "--gateway", params string[] aliases)
    {
        Address = new Option<string>(addressName, aliases) { Description = "Address of the gateway (https://host:port)", Required = true };
        Certificate = new Option<string>("--cert")
        {
            Description = "PATH of a PEM pair PATH.pem / PATH.key; the authority is ca.pem beside it unless --ca is given",
            Required = true,
        };
        Authority = new Option<string?>("--ca") { Description = "The authority certificate (PEM)" };
        if (sessions)
            SessionFile = new Option<string?>(SessionFileName)
            {
                Description = $"The staff session file (default: ${Cli.SessionFile.EnvironmentVariable}, else "
                    + "$XDG_CONFIG_HOME/linkage/sessions/HOST_PORT)",
            };
    }

    public Option<string> Address { get; }
    public Option<string> Certificate { get; }
    public Option<string?> Authority { get; }
    public Option<string?>? SessionFile { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(Certificate);
        command.Options.Add(Authority);
        if (SessionFile is not null) command.Options.Add(SessionFile);
    }

    public string Gateway(ParseResult parsed) => parsed.GetValue(Address)!;

    public TlsMaterial Tls(ParseResult parsed) => Connections.LoadTls(parsed.GetValue(Certificate)!, parsed.GetValue(Authority));

    public string SessionPath(ParseResult parsed) =>
        Cli.SessionFile.PathFor(Gateway(parsed), SessionFile is null ? null : parsed.GetValue(SessionFile));

    /// <summary>
    /// A channel to the gateway presenting the certificate and, when a session is stored for this gateway and this
    /// certificate, its token. Without one a staff call is refused with SESSION_REQUIRED, which names the way out.
    /// </summary>
    public GrpcChannel Open(ParseResult parsed)
    {
        var tls = Tls(parsed);
        return Connections.Open(Gateway(parsed), tls, StoredSessionFor(parsed, tls)?.Token);
    }

    /// <summary>The stored session that belongs to this gateway and this certificate, if any.</summary>
    public StoredSession? StoredSessionFor(ParseResult parsed, TlsMaterial tls) =>
        SessionFile is not null && Cli.SessionFile.Read(SessionPath(parsed)) is { } stored
        && stored.BelongsTo(Gateway(parsed), CertificateReferences.Thumbprint(tls.Certificate))
            ? stored
            : null;

    /// <summary>--json: plain JSON on stdout for scripts, no colours or tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write plain JSON to stdout (for scripts)" };
}
