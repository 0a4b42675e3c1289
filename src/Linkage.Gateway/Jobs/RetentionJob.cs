using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Retention;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// The erasure pass (消去) once per interval, on one node of the institution for every node's data: what it removed goes
/// to the job board and the operation log.
/// </summary>
public sealed class RetentionJob(RetentionRun retention, IKeptChains chains, IOptions<RetentionOptions> options, JobBoard board, TimeProvider clock)
    : BackgroundService
{
    public const string JobName = "retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do await board.RunLeadingAsync(JobName, interval, RunOnceAsync, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<string> RunOnceAsync(CancellationToken ct)
    {
        // Every node's chains: this job runs on one node of the institution for all of them.
        var removed = await retention.RunAsync(await chains.InstitutionChainsAsync(ct), ct);
        return $"{removed.ProvisionRecords} records, {removed.OperationLog} operations, {removed.SupersededCopies} copy versions, "
            + $"{removed.DecidedHeld} held answers, {removed.PickedUpResults} results erased";
    }
}
