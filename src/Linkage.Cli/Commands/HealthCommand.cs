using System.CommandLine;
using Spectre.Console;
using Grpc.Health.V1;

namespace Linkage.Cli.Commands;

/// <summary>health: grpc.health.v1 status of a gateway or simulator; exit code 1 when it is not serving.</summary>
public static class HealthCommand
{
    public static Command Create(Terminal terminal)
    {
        // No session: health is open to every registered caller, and a stale token would only get it refused.
        var connection = new ConnectionOptions(sessions: false, "--address", "--gateway");
        var json = ConnectionOptions.Json();
        var command = new Command("health", "grpc.health.v1 status of a gateway or simulator") { json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
            if (parsed.GetValue(json)) terminal.Json(response);
            else terminal.Ansi.WriteLine($"{response.Status}");
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
