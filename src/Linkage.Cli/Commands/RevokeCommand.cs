using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Linkage.Transport;

namespace Linkage.Cli.Commands;

/// <summary>
/// dev-certs revoke NAME: puts NAME.pem on the development authority's revocation list (ca.crl), which every host
/// reloads when the file changes. Revoking twice changes nothing.
/// </summary>
public static class RevokeCommand
{
    public static Command Create(Terminal terminal, Option<string> dir)
    {
        var name = new Argument<string>("NAME") { Description = "The certificate to revoke: NAME.pem in the folder (e.g. staff-reviewer)" };
        var command = new Command("revoke", "Revoke a development certificate: add it to ca.crl, signed with the next list number") { name };
        command.SetGuardedAction(terminal, (parsed, _) => Task.FromResult(Run(parsed.GetValue(dir)!, parsed.GetValue(name)!, terminal)));
        return command;
    }

    public static int Run(string dir, string name, Terminal terminal)
    {
        string P(string file) => Path.Combine(dir, file);
        var certificatePath = P(name + ".pem");
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name == "ca" || !File.Exists(certificatePath))
        {
            terminal.Error.WriteLine($"No certificate named '{name}' in {dir} (expected {certificatePath}); " +
                "the names are those of its .pem files other than ca, e.g. staff-reviewer.");
            return ExitCodes.Failure;
        }
        if (!File.Exists(P("ca.pem")) || !File.Exists(P("ca.key")))
        {
            terminal.Error.WriteLine($"No authority in {dir} (ca.pem and ca.key); run `linkage dev-certs --dir {dir}` first.");
            return ExitCodes.Failure;
        }

        var authority = DevCertificateAuthority.Load(P("ca.pem"), P("ca.key"));
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        // The chain is all that matters here: an expired or wrongly used certificate may still be revoked.
        if (new CertificateTrust(authority.Certificate).Verify(certificate, CertificateUsage.Client) == CertificateVerdict.NotIssuedByAuthority)
        {
            terminal.Error.WriteLine($"{certificatePath} was not issued by {P("ca.pem")}; its revocation list cannot revoke it.");
            return ExitCodes.Failure;
        }
        DevCertsCommand.MakeOrRenewRevocationList(authority, dir, replace: false, terminal.Output);

        var revoked = authority.Revoke(P("ca.crl"), certificate);
        var list = RevocationListDocument.Read(P("ca.crl"), authority.Certificate);
        terminal.Output.WriteLine(revoked
            ? $"revoked {name} (serial {certificate.SerialNumber}) in {P("ca.crl")}, list number {list.Number}; hosts reload it on change"
            : $"{name} (serial {certificate.SerialNumber}) was revoked already in {P("ca.crl")}, list number {list.Number}; nothing changed");
        return ExitCodes.Ok;
    }
}
