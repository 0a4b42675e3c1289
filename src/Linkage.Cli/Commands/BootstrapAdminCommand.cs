using System.CommandLine;
using Spectre.Console;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Storage.Staff;
using Linkage.Transport;

namespace Linkage.Cli.Commands;

/// <summary>
/// bootstrap-admin: the first administrator, written into the gateway's database file directly (whoever may write
/// that file is trusted to do this); refused once an active administrator exists. See <see cref="RegistryBootstrap"/>.
/// </summary>
public static class BootstrapAdminCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = new DatabaseArguments();
        var institution = new Option<string>("--institution") { Description = "The gateway's institution code (16 digits)", Required = true };
        institution.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { Length: 16 } code || !code.All(char.IsAsciiDigit))
                result.AddError("--institution takes the 16-digit institution code.");
        });
        var id = new Option<string>("--id") { Description = "Staff id of the administrator", Required = true };
        var name = new Option<string>("--name") { Description = "The administrator's name", Required = true };
        var certificate = GatewayCommand.CertificateFile("The administrator's certificate (PEM), standing for the IC card");
        var authority = new Option<string?>("--ca") { Description = "The authority certificate (PEM); default: ca.pem beside the certificate" };
        var node = new Option<string>("--node")
        {
            Description = "The gateway node whose operation log records this (Gateway:NodeId); default: node-1",
            DefaultValueFactory = _ => Domain.Chains.NodeName.Default,
        };
        var json = ConnectionOptions.Json();
        var command = new Command("bootstrap-admin",
            "Register the first administrator straight into a gateway's database (before the gateway starts)")
        {
            institution, id, name, certificate, authority, node, json,
        };
        database.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var code = InstitutionCode.Parse(parsed.GetValue(institution));
            var presented = Present(parsed.GetValue(certificate)!, parsed.GetValue(authority));
            var (storage, path) = database.Open(parsed);
            var done = await RegistryBootstrap.AddFirstAdministratorAsync(storage, code, parsed.GetValue(id)!, parsed.GetValue(name)!,
                presented, TimeProvider.System, ct, parsed.GetValue(node)!);
            return terminal.Show(parsed.GetValue(json), View(done), ansi =>
            {
                ansi.WriteLine($"administrator {done.Administrator.StaffId} of {code} registered in {path}");
                ansi.WriteLine($"  certificate SHA-256 {done.Binding.Certificate.Thumbprint}");
                ansi.WriteLine($"  operation log entry {parsed.GetValue(node)}:{done.OperationSequence}");
                ansi.WriteLine("The gateway reads its registry when it starts: start it now, or restart it if it was running.");
            });
        });
        return command;
    }

    /// <summary>The certificate as the gateway would read it when an administrator hands it in.</summary>
    private static PresentedCertificate Present(string certificatePath, string? authorityPath)
    {
        using var certificate = CertificateReferences.ParsePem(GatewayCommand.ReadPem(certificatePath))
            ?? throw DomainException.InvalidField("certificate", ErrorReasons.CertificateUnusable, "This is not a certificate in PEM form.");
        var authorityFile = authorityPath
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(certificatePath))!, "ca.pem");
        if (!File.Exists(authorityFile)) throw new FileNotFoundException($"No such file: {authorityFile}", authorityFile);
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(authorityFile));
        // The revocation list beside the authority, when there is one: a revoked card must not become an administrator.
        var listFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(authorityFile))!, "ca.crl");
        using var revocations = File.Exists(listFile) ? RevocationList.Load(listFile, authority) : RevocationList.Empty(authority);
        return CertificateReferences.Present(certificate, new CertificateTrust(authority, revocations));
    }

    private static StaffMemberView View(RegistryBootstrap.Bootstrapped done)
    {
        var (member, binding) = (done.Administrator, done.Binding);
        var view = new StaffMemberView
        {
            StaffId = member.StaffId,
            Name = member.Name,
            InstitutionCode = member.Institution.Value,
            ValidFrom = Timestamp.FromDateTimeOffset(member.ValidFrom),
        };
        view.Roles.AddRange(member.Roles);
        view.Certificates.Add(new CertificateBindingView
        {
            Issuer = binding.Certificate.Issuer,
            SerialNumber = binding.Certificate.SerialNumber,
            ThumbprintSha256 = binding.Certificate.Thumbprint,
            Subject = binding.Certificate.Subject,
            NotAfter = Timestamp.FromDateTimeOffset(binding.Certificate.NotAfter),
            BoundAt = Timestamp.FromDateTimeOffset(binding.BoundAt),
        });
        return view;
    }
}
