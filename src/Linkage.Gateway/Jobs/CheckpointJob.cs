using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Linkage.Gateway.Options;
using Linkage.Storage.Checkpoints;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Seals both chains on their schedule and at graceful shutdown, and has the hub witness every checkpoint. Sealing
/// goes on while the hub is away; the checkpoints wait and are witnessed in order when it is back.
/// </summary>
public sealed partial class CheckpointJob(
    ChainSealer sealer, SealedChains chains, IOptions<CheckpointOptions> options, JobBoard board, TimeProvider clock,
    ILogger<CheckpointJob> logger) : BackgroundService
{
    public const string SealName = "checkpoints";
    public const string WitnessName = "witnessing";

    private readonly CheckpointSchedule _schedule = new(options.Value.Every, options.Value.Interval);
    private string? _lastSealFailure;
    private string? _lastWitnessFailure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Poll, clock);
        try
        {
            do await RunOnceAsync(_schedule, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Seals what is due (everything new, without a schedule) and has it witnessed; the outcome goes to the job board.</summary>
    public async Task RunOnceAsync(CheckpointSchedule? schedule, CancellationToken ct)
    {
        var sealedNow = 0;
        try
        {
            foreach (var chain in chains.All)
                if (await sealer.SealAsync(chain, ct, schedule) is not null) sealedNow++;
            Report(SealName, ref _lastSealFailure, null, $"{sealedNow} chain(s) sealed");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Report(SealName, ref _lastSealFailure, Reason(error), "sealing failed");
        }
        try
        {
            var witnessed = 0;
            foreach (var chain in chains.All) witnessed += await sealer.WitnessAsync(chain.ChainId, ct);
            Report(WitnessName, ref _lastWitnessFailure, null, $"{witnessed} checkpoint(s) witnessed");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Report(WitnessName, ref _lastWitnessFailure, Reason(error), "the hub did not witness");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last entries before a planned stop are sealed, so that a restart begins from a sealed head; the hub
        // witnesses them when the gateway is back, if it cannot now.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(5));
        try { await RunOnceAsync(schedule: null, bounded.Token); }
        catch (OperationCanceledException) { LogShutdownSealIncomplete(logger); }
    }

    private void Report(string job, ref string? lastFailure, string? failure, string detail)
    {
        var now = clock.GetUtcNow();
        if (failure is null)
        {
            if (lastFailure is not null) LogRecovered(logger, job);
            board.Report(job, "idle", now, detail);
        }
        else
        {
            // Once per kind of failure, not once a second while the hub is away.
            if (failure != lastFailure)
            {
                // A broken chain is for an auditor at once; a hub that is away is an operator's matter.
                if (failure == ErrorReasons.ChainBroken) LogChainBroken(logger, job);
                else LogFailed(logger, job, failure);
            }
            board.Report(job, "failing", now, $"{detail}: {failure}");
        }
        lastFailure = failure;
    }

    private static string Reason(Exception error) => error is DomainException refusal ? refusal.Reason : error.GetType().Name;

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Job} job found a chain that no longer holds what its last checkpoint sealed; run Verify")]
    private static partial void LogChainBroken(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Job} job failed ({Reason}); retrying")]
    private static partial void LogFailed(ILogger logger, string job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Job} job works again")]
    private static partial void LogRecovered(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the chains at shutdown did not finish in time")]
    private static partial void LogShutdownSealIncomplete(ILogger logger);
}
