using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;

namespace Linkage.Cli.Commands;

/// <summary>jobs: the gateway's background jobs and the answer deliveries (administrator); jobs retry: send a parked delivery again.</summary>
public static class JobsCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = GatewayCommand.Create(terminal, "jobs", "The background jobs, pending and parked answer deliveries, escalated items (administrator)",
            [],
            (parsed, channel, ct) => new AdministrationClient(channel).ListJobsAsync(new ListJobsRequest(),
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, response) =>
            {
                ansi.Write(ReviewTables.Jobs(response));
                ansi.WriteLine($"{response.PendingDeliveries} pending deliveries; {response.EscalatedHeld} escalated held item(s); "
                    + $"{response.Parked.Count} parked deliveries");
                if (response.Parked.Count > 0) ansi.Write(ReviewTables.Parked(response.Parked));
            });
        command.Subcommands.Add(Retry(terminal));
        return command;
    }

    private static Command Retry(Terminal terminal)
    {
        var id = ReviewCommand.HeldId();
        return GatewayCommand.Create(terminal, "retry", "Send a parked answer delivery again (its attempts start over)", [id],
            (parsed, channel, ct) => new AdministrationClient(channel).RetryDeliveryAsync(new RetryDeliveryRequest { HeldId = parsed.GetValue(id) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, _) => ansi.WriteLine("delivery queued again; jobs shows when it is delivered"));
    }
}
