using System.CommandLine;
using Spectre.Console;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>
/// systems list | add | deactivate | bind: the back-office systems connected to the gateway (administrator), and
/// certificates unbind for a lost card or a replaced system certificate.
/// </summary>
public static class SystemsCommand
{
    public static Command Create(Terminal terminal) =>
        new("systems", "Back-office systems connected to the gateway (administrator)")
        {
            List(terminal), Add(terminal), Deactivate(terminal), Bind(terminal),
        };

    public static Command Certificates(Terminal terminal)
    {
        var thumbprint = new Argument<string>("THUMBPRINT") { Description = "SHA-256 thumbprint (hex) as staff list / systems list show it" };
        return new Command("certificates", "Certificates bound to staff and systems (administrator)")
        {
            GatewayCommand.Create(terminal, "unbind", "Unbind a certificate (a lost IC card): it signs nobody in, its sessions end",
                [thumbprint],
                (parsed, channel, ct) => new AdministrationClient(channel).UnbindCertificateAsync(
                    new UnbindCertificateRequest { ThumbprintSha256 = parsed.GetValue(thumbprint) },
                    deadline: Deadline(), cancellationToken: ct).ResponseAsync,
                (ansi, binding) => ansi.Write(Tables.Certificate(binding))),
        };
    }

    private static Command List(Terminal terminal)
    {
        var all = IncludeDeactivated();
        return GatewayCommand.Create(terminal, "list", "List the connected systems", [all],
            (parsed, channel, ct) => new AdministrationClient(channel).ListSystemsAsync(
                new ListSystemsRequest { IncludeDeactivated = parsed.GetValue(all) }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, response) =>
            {
                ansi.Write(Tables.Systems(response.Systems));
                ansi.WriteLine($"{response.Systems.Count} system(s)");
            });
    }

    private static Command Add(Terminal terminal)
    {
        var id = new Option<string>("--id") { Description = "System id: 1-32 of A-Z a-z 0-9 - _", Required = true };
        var name = new Option<string>("--name") { Description = "The system's name", Required = true };
        var role = new Option<string>("--role") { Description = "The system's role", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.Systems.Order(StringComparer.Ordinal)]);
        var certificate = CertificateFile("The system's client certificate (PEM)");
        return GatewayCommand.Create(terminal, "add", "Register a back-office system with its certificate", [id, name, role, certificate],
            (parsed, channel, ct) => new AdministrationClient(channel).AddSystemAsync(new AddSystemRequest
            {
                SystemId = parsed.GetValue(id),
                Name = parsed.GetValue(name),
                Role = parsed.GetValue(role),
                CertificatePem = ReadPem(parsed.GetValue(certificate)!),
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, system) => ansi.Write(Tables.Systems([system])));
    }

    private static Command Deactivate(Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "System id" };
        var reason = Reason();
        return GatewayCommand.Create(terminal, "deactivate", "Deactivate a system: its certificates are refused from the next call",
            [id, reason],
            (parsed, channel, ct) => new AdministrationClient(channel).DeactivateSystemAsync(
                new DeactivateSystemRequest { SystemId = parsed.GetValue(id), Reason = parsed.GetValue(reason) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, system) => ansi.Write(Tables.Systems([system])));
    }

    private static Command Bind(Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "System id" };
        var certificate = CertificateFile("The system's new certificate (PEM)");
        return GatewayCommand.Create(terminal, "bind", "Bind a further certificate to a system (certificate renewal)", [id, certificate],
            (parsed, channel, ct) => new AdministrationClient(channel).BindCertificateAsync(
                new BindCertificateRequest { SystemId = parsed.GetValue(id), CertificatePem = ReadPem(parsed.GetValue(certificate)!) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, binding) => ansi.Write(Tables.Certificate(binding)));
    }
}
