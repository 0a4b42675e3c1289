using System.CommandLine;
using Google.Protobuf;
using Grpc.Net.Client;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// The shape of most commands: one call to a gateway with the certificate and the stored session, and the answer
/// printed as a table for people or as protobuf JSON (--json).
/// </summary>
internal static class GatewayCommand
{
    public static DateTime Deadline(int seconds = 10) => DateTime.UtcNow.AddSeconds(seconds);

    public static Command Create<TResponse>(Terminal terminal, string name, string description, Symbol[] symbols,
        Func<ParseResult, GrpcChannel, CancellationToken, Task<TResponse>> call, Action<IAnsiConsole, TResponse> forPeople)
        where TResponse : IMessage
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        }
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var response = await call(parsed, channel, ct);
            return terminal.Show(parsed.GetValue(json), response, ansi => forPeople(ansi, response));
        });
        return command;
    }

    /// <summary>A certificate handed in as PEM: FILE.pem, or PATH as --cert takes it (PATH.pem).</summary>
    public static Option<string> CertificateFile(string description) => new("--certificate")
    {
        Description = description,
        Required = true,
    };

    public static string ReadPem(string path)
    {
        var file = !File.Exists(path) && File.Exists(path + ".pem") ? path + ".pem" : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"No such file: {path}", path);
        return File.ReadAllText(file);
    }

    public static Option<bool> IncludeDeactivated() => new("--all") { Description = "Include the deactivated" };

    public static Option<string> Reason() => new("--reason") { Description = "Why (kept in the registry and the operation log)", Required = true };
}
