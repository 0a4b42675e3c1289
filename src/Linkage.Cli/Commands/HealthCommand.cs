using Grpc.Health.V1;

namespace Linkage.Cli.Commands;

public static class HealthCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        using var channel = Connections.Open(args);
        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
        Console.WriteLine(response.Status);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
    }
}
