using System.CommandLine;
using Google.Rpc;
using Grpc.Core;
using Linkage.Domain.Errors;

namespace Linkage.Cli;

/// <summary>
/// Runs a command's action and turns failures into a line on stderr and an exit code, never a stack trace:
/// a gRPC error is its status code, its google.rpc.ErrorInfo reason and its message (1, or 3 when nothing answered),
/// followed by what to do when the reason has a remedy (sign in, register the certificate).
/// </summary>
public static class Guard
{
    public static void SetGuardedAction(this Command command, Terminal terminal, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parsed, ct) => RunAsync(terminal, () => action(parsed, ct), reason => Hints.For(reason, parsed)));

    public static async Task<int> RunAsync(Terminal terminal, Func<Task<int>> action, Func<string, string?>? hint = null)
    {
        try
        {
            return await action();
        }
        catch (RpcException error)
        {
            var reason = error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
            await terminal.Error.WriteLineAsync($"{error.StatusCode}{(reason is null ? "" : $" {reason}")}: {error.Status.Detail}");
            if (reason is not null && hint?.Invoke(reason) is { } remedy) await terminal.Error.WriteLineAsync(remedy);
            // Unavailable without a reason from the server: nothing answered (no connection, TLS handshake refused).
            return error.StatusCode == StatusCode.Unavailable && reason is null ? ExitCodes.Failure : ExitCodes.Refused;
        }
        catch (DomainException refusal)
        {
            // A rule checked here rather than by a server (bootstrap-admin on the database file).
            await terminal.Error.WriteLineAsync($"refused {refusal.Reason}: {refusal.Message}");
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        // A database's own errors (SQLite's, PostgreSQL's) name the failure and the objects, not the values.
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
            or InvalidOperationException or ArgumentException or FormatException or HttpRequestException
            or System.Data.Common.DbException)
        {
            await terminal.Error.WriteLineAsync($"failed: {error.Message}");
            return ExitCodes.Failure;
        }
    }
}

/// <summary>The remedy for a refusal, in the words of the command line the operator just used.</summary>
internal static class Hints
{
    public static string? For(string reason, ParseResult parsed) => reason switch
    {
        ErrorReasons.SessionRequired => $"sign in first: {SignIn(parsed)}",
        _ when reason.StartsWith("SESSION_", StringComparison.Ordinal) => $"sign in again: {SignIn(parsed)}",
        ErrorReasons.CertificateNotRegistered =>
            "an administrator registers the certificate (linkage staff add, linkage systems add, linkage staff bind); "
            + "the first administrator is made with linkage bootstrap-admin",
        _ => null,
    };

    private static string SignIn(ParseResult parsed)
    {
        var words = new List<string> { "linkage", "signin" };
        foreach (var name in new[] { "--gateway", "--cert", "--ca", ConnectionOptions.SessionFileName })
        {
            var option = parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            if (option is not null && parsed.GetResult(option) is { Implicit: false, Tokens.Count: > 0 } result)
                words.AddRange([name, Quoted(result.Tokens[0].Value)]);
        }
        return string.Join(' ', words);
    }

    private static string Quoted(string value) => value.Any(char.IsWhiteSpace) ? $"'{value}'" : value;
}
