using System.CommandLine;
using Spectre.Console;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>staff list | add | deactivate | bind: the staff members of the gateway's institution (administrator).</summary>
public static class StaffCommand
{
    public static Command Create(Terminal terminal) =>
        new("staff", "Staff members of the gateway's institution (administrator)")
        {
            List(terminal), Add(terminal), Deactivate(terminal), Bind(terminal),
        };

    private static Command List(Terminal terminal)
    {
        var all = IncludeDeactivated();
        return GatewayCommand.Create(terminal, "list", "List the staff members", [all],
            (parsed, channel, ct) => new AdministrationClient(channel).ListStaffAsync(
                new ListStaffRequest { IncludeDeactivated = parsed.GetValue(all) }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, response) =>
            {
                ansi.Write(Tables.Staff(response.Staff));
                ansi.WriteLine($"{response.Staff.Count} staff member(s)");
            });
    }

    private static Command Add(Terminal terminal)
    {
        var id = new Option<string>("--id") { Description = "Staff id: 1-32 of A-Z a-z 0-9 - _", Required = true };
        var name = new Option<string>("--name") { Description = "The staff member's name", Required = true };
        var roles = new Option<string[]>("--role") { Description = "A role; repeat for several", Required = true };
        roles.AcceptOnlyFromAmong([.. Roles.Staff.Order(StringComparer.Ordinal)]);
        var names = new Option<string[]>("--information-name")
        {
            Description = "Restrict to this information name (TM + 14 digits); repeat for several; none: all",
        };
        var validFrom = new Option<DateTimeOffset?>("--valid-from") { Description = "Start of validity (ISO 8601; default now)" };
        var validTo = new Option<DateTimeOffset?>("--valid-to") { Description = "End of validity (ISO 8601; default open-ended)" };
        var certificate = CertificateFile("The staff member's certificate (PEM), standing for the IC card");
        return GatewayCommand.Create(terminal, "add", "Register a staff member with a certificate",
            [id, name, roles, names, validFrom, validTo, certificate],
            (parsed, channel, ct) =>
            {
                var request = new AddStaffRequest
                {
                    StaffId = parsed.GetValue(id),
                    Name = parsed.GetValue(name),
                    ValidFrom = parsed.GetValue(validFrom) is { } from ? Timestamp.FromDateTimeOffset(from) : null,
                    ValidTo = parsed.GetValue(validTo) is { } to ? Timestamp.FromDateTimeOffset(to) : null,
                    CertificatePem = ReadPem(parsed.GetValue(certificate)!),
                };
                request.Roles.AddRange(parsed.GetValue(roles) ?? []);
                request.InformationNameCodes.AddRange(parsed.GetValue(names) ?? []);
                return new AdministrationClient(channel).AddStaffAsync(request, deadline: Deadline(), cancellationToken: ct).ResponseAsync;
            },
            (ansi, member) => ansi.Write(Tables.Staff([member])));
    }

    private static Command Deactivate(Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "Staff id" };
        var reason = Reason();
        return GatewayCommand.Create(terminal, "deactivate", "Deactivate a staff member: every open session ends at once",
            [id, reason],
            (parsed, channel, ct) => new AdministrationClient(channel).DeactivateStaffAsync(
                new DeactivateStaffRequest { StaffId = parsed.GetValue(id), Reason = parsed.GetValue(reason) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, member) => ansi.Write(Tables.Staff([member])));
    }

    private static Command Bind(Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "Staff id" };
        var certificate = CertificateFile("The new certificate (PEM), e.g. of a replacement IC card");
        return GatewayCommand.Create(terminal, "bind", "Bind a further certificate to a staff member (a new IC card)",
            [id, certificate],
            (parsed, channel, ct) => new AdministrationClient(channel).BindCertificateAsync(
                new BindCertificateRequest { StaffId = parsed.GetValue(id), CertificatePem = ReadPem(parsed.GetValue(certificate)!) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, binding) => ansi.Write(Tables.Certificate(binding)));
    }
}
