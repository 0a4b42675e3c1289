using System.CommandLine;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Storage.Keys;

namespace Linkage.Cli.Commands;

/// <summary>
/// keys rotate / keys rewrap: the institution's data keys, changed in its gateway's database file while the gateway is
/// stopped, with the institution's key-encryption key (from its key file, never from the command line). See
/// <see cref="OfflineDataKeys"/>.
/// </summary>
public static class KeysCommand
{
    public static Command Create(Terminal terminal) => new("keys",
        "The institution's data keys in a gateway's database, changed offline with the institution's key-encryption key")
    {
        Rotate(terminal),
        Rewrap(terminal),
    };

    private static Command Rotate(Terminal terminal)
    {
        var (database, institution, keyFile) = (Database(), Institution(), KeyFile("--key-file", "The institution's key-encryption key file (mode 0600)"));
        var command = new Command("rotate",
            "Add a new data key that seals new data from each node's next start; older keys stay to open what they sealed")
        {
            database, institution, keyFile,
        };
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var path = parsed.GetValue(database)!;
            var code = InstitutionCode.Parse(parsed.GetValue(institution));
            var keyId = await OfflineDataKeys.RotateAsync(path, code, KeyEncryptionKey.ReadFile(parsed.GetValue(keyFile)!), TimeProvider.System, ct);
            await terminal.Output.WriteLineAsync($"data key {keyId} of {code} added in {path}; restart the institution's gateways to seal with it");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rewrap(Terminal terminal)
    {
        var (database, institution) = (Database(), Institution());
        var current = KeyFile("--key-file", "The institution's key-encryption key file in use now (mode 0600)");
        var next = KeyFile("--new-key-file", "The institution's new key-encryption key file (mode 0600)");
        var command = new Command("rewrap",
            "Wrap every data key with the institution's new key-encryption key, in one transaction; the data itself is unchanged")
        {
            database, institution, current, next,
        };
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var path = parsed.GetValue(database)!;
            var code = InstitutionCode.Parse(parsed.GetValue(institution));
            var count = await OfflineDataKeys.RewrapAsync(path, code, KeyEncryptionKey.ReadFile(parsed.GetValue(current)!),
                KeyEncryptionKey.ReadFile(parsed.GetValue(next)!), ct);
            await terminal.Output.WriteLineAsync(
                $"{count} data key(s) of {code} in {path} are now wrapped by the new key-encryption key; give the nodes the new key file");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string> Database() =>
        new("--database") { Description = "The gateway's SQLite file (Gateway:DatabasePath); the gateway must be stopped", Required = true };

    private static Option<string> Institution()
    {
        var institution = new Option<string>("--institution") { Description = "The institution code (16 digits)", Required = true };
        institution.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { Length: 16 } code || !code.All(char.IsAsciiDigit))
                result.AddError("--institution takes the 16-digit institution code.");
        });
        return institution;
    }

    private static Option<string> KeyFile(string name, string description) => new(name) { Description = description, Required = true };
}
