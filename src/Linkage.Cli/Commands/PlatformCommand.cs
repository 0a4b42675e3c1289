using System.CommandLine;
using System.Security.Cryptography;
using Linkage.Domain.Codes;
using Linkage.Storage.Backup;
using Linkage.Storage.PostgreSql;

namespace Linkage.Cli.Commands;

/// <summary>
/// platform add-institution / platform operator: an institution's place on the platform's PostgreSQL server (its own
/// role and schema, see <see cref="InstitutionSchemas"/>) and the operator's login. The server's administrator
/// connection string is read from a file or LINKAGE_POSTGRES, never from the command line; the connection strings made
/// (with their new passwords) go to files only their owner may read, never to the terminal.
/// </summary>
public static class PlatformCommand
{
    public static Command Create(Terminal terminal) => new("platform", "The platform's PostgreSQL server: institutions' roles and schemas, the operator's login")
    {
        AddInstitution(terminal),
        Operator(terminal),
    };

    private static Command AddInstitution(Terminal terminal)
    {
        var (admin, output) = (AdminOption(), OutputOption("The file to write the institution's connection string to (mode 0600): its Storage:ConnectionString"));
        var institution = new Option<string>("--institution") { Description = "The institution code (16 digits)", Required = true };
        var command = new Command("add-institution", "Make an institution's role and schema (or give the role a new password), and write its connection string")
        {
            admin, institution, output,
        };
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var code = InstitutionCode.Parse(parsed.GetValue(institution));
            var connection = await InstitutionSchemas.ProvisionAsync(AdminConnection(parsed.GetValue(admin)), code, NewPassword(), ct);
            await WritePrivateAsync(parsed.GetValue(output)!, connection, ct);
            await terminal.Output.WriteLineAsync(
                $"institution {code}: role {InstitutionSchemas.RoleOf(code)}, schema {InstitutionSchemas.SchemaOf(code)}; connection string in {parsed.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Operator(Terminal terminal)
    {
        var (admin, output) = (AdminOption(), OutputOption("The file to write the operator's connection string to (mode 0600)"));
        var command = new Command("operator", "Give the platform operator's role a new password and write its connection string (backups, statistics; no institution key)")
        {
            admin, output,
        };
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var adminConnection = AdminConnection(parsed.GetValue(admin));
            var password = NewPassword();
            await InstitutionSchemas.SetOperatorPasswordAsync(adminConnection, password, ct);
            await WritePrivateAsync(parsed.GetValue(output)!, InstitutionSchemas.OperatorConnectionString(adminConnection, password), ct);
            await terminal.Output.WriteLineAsync($"role {InstitutionSchemas.OperatorRole}: connection string in {parsed.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> AdminOption() => new("--admin-file")
    {
        Description = "A file holding the server administrator's connection string (default: the LINKAGE_POSTGRES variable)",
    };

    private static Option<string> OutputOption(string description) => new("--out") { Description = description, Required = true };

    private static string AdminConnection(string? file) => file is { Length: > 0 }
        ? File.ReadAllText(file).Trim()
        : Environment.GetEnvironmentVariable("LINKAGE_POSTGRES") is { Length: > 0 } variable
            ? variable
            : throw new ArgumentException("Give the administrator's connection string in --admin-file or LINKAGE_POSTGRES.");

    // Letters and digits only: the shape InstitutionSchemas accepts for a role's password.
    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static async Task WritePrivateAsync(string path, string text, CancellationToken ct)
    {
        if (File.Exists(path)) File.Delete(path); // a new password replaces the old one; PrivateFiles makes the file anew, 0600
        await using var file = PrivateFiles.Create(path);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync(text.AsMemory(), ct);
    }
}
