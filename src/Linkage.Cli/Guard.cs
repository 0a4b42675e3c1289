using System.CommandLine;
using Google.Rpc;
using Grpc.Core;

namespace Linkage.Cli;

/// <summary>
/// Runs a command's action and turns failures into a line on stderr and an exit code, never a stack trace:
/// a gRPC error is its status code, its google.rpc.ErrorInfo reason and its message (1, or 3 when nothing answered).
/// </summary>
public static class Guard
{
    public static void SetGuardedAction(this Command command, Terminal terminal, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parsed, ct) => RunAsync(terminal, () => action(parsed, ct)));

    public static async Task<int> RunAsync(Terminal terminal, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (RpcException error)
        {
            var reason = error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
            await terminal.Error.WriteLineAsync($"{error.StatusCode}{(reason is null ? "" : $" {reason}")}: {error.Status.Detail}");
            // Unavailable without a reason from the server: nothing answered (no connection, TLS handshake refused).
            return error.StatusCode == StatusCode.Unavailable && reason is null ? ExitCodes.Failure : ExitCodes.Refused;
        }
        catch (OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
            or InvalidOperationException or ArgumentException or FormatException or HttpRequestException)
        {
            await terminal.Error.WriteLineAsync($"failed: {error.Message}");
            return ExitCodes.Failure;
        }
    }
}
