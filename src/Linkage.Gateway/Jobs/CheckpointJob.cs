using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Linkage.Gateway.Options;
using Linkage.Storage.Checkpoints;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Seals both chains on their schedule and at graceful shutdown ("checkpoints"), and has the hub witness every
/// checkpoint ("witnessing"). Sealing goes on while the hub is away; the checkpoints wait and are witnessed in order
/// when it is back, asked for again with a growing pause meanwhile.
/// </summary>
public sealed partial class CheckpointJob(
    ChainSealer sealer, SealedChains chains, IOptions<CheckpointOptions> options, JobBoard board, TimeProvider clock,
    ILogger<CheckpointJob> logger) : BackgroundService
{
    public const string SealName = "checkpoints";
    public const string WitnessName = "witnessing";

    private readonly CheckpointSchedule _schedule = new(options.Value.Every, options.Value.Interval);
    private TimeSpan _witnessPause = TimeSpan.Zero;
    private DateTimeOffset _nextWitness = DateTimeOffset.MinValue;

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

    /// <summary>Seals what is due (everything new, without a schedule) and, when its pause is over, has it witnessed.</summary>
    public async Task RunOnceAsync(CheckpointSchedule? schedule, CancellationToken ct)
    {
        await board.RunAsync(SealName, options.Value.Poll, c => SealAsync(schedule, c), ct);
        if (schedule is not null && clock.GetUtcNow() < _nextWitness) return;
        var witnessed = await board.RunAsync(WitnessName, ok => WitnessPause(ok), WitnessAsync, ct);
        _nextWitness = clock.GetUtcNow() + _witnessPause;
        if (!witnessed && schedule is null) _nextWitness = DateTimeOffset.MinValue; // an explicit run does not delay the schedule
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

    private async Task<string> SealAsync(CheckpointSchedule? schedule, CancellationToken ct)
    {
        var sealedNow = 0;
        foreach (var chain in chains.All)
        {
            try
            {
                if (await sealer.SealAsync(chain, ct, schedule) is not null) sealedNow++;
            }
            catch (DomainException broken) when (broken.Reason == ErrorReasons.ChainBroken)
            {
                // For an auditor at once, beside the job's own failure.
                LogChainBroken(logger, chain.ChainId);
                throw;
            }
        }
        return $"{sealedNow} chain(s) sealed";
    }

    private async Task<string> WitnessAsync(CancellationToken ct)
    {
        var witnessed = 0;
        foreach (var chain in chains.All) witnessed += await sealer.WitnessAsync(chain.ChainId, ct);
        return $"{witnessed} checkpoint(s) witnessed";
    }

    // From the poll interval, doubling while the hub keeps failing, up to the sealing interval.
    private TimeSpan WitnessPause(bool ok)
    {
        _witnessPause = ok ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(Math.Max(_witnessPause.Ticks * 2, options.Value.Poll.Ticks), options.Value.Interval.Ticks));
        return ok ? options.Value.Poll : _witnessPause;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The chain {Chain} no longer holds what its last checkpoint sealed; it is not sealed again. Run Verify")]
    private static partial void LogChainBroken(ILogger logger, string chain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the chains at shutdown did not finish in time")]
    private static partial void LogShutdownSealIncomplete(ILogger logger);
}
