using System.Collections.Concurrent;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using HeldState = Linkage.Domain.Review.HeldState;
using Linkage.Testing;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// One run's load, all at once until the kill: provisions as the hub sends them, bulk copy batches from the health
/// management system, symbol batches from the address system, and a reviewer deciding held answers. A worker writes
/// into <see cref="Acknowledged"/> only what the gateway answered; what the kill cut short is asked again after the
/// restart as its caller would (a batch under its own id, a decision), or, for a provision, never counted.
/// </summary>
internal sealed class MixedLoad(GatewayProcessHarness gateway, CrashCallers callers, Acknowledged acknowledged, CrashPlan plan, int run)
{
    private const int ProvisionWorkers = 6;
    private const int CopyWorker = 10, SymbolWorker = 11, ReviewWorker = 12;
    private const double DeclineShare = 0.25;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(60);

    private readonly byte[] _inquirerKey = X25519KeyPair.Generate().PublicKey;
    private readonly ConcurrentQueue<string> _unexpected = new();
    private volatile bool _killed;

    /// <summary>Calls that failed before the kill: each one a fault of the gateway, not of the crash.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public Task[] Start() =>
    [
        .. Enumerable.Range(0, ProvisionWorkers).Select(worker => Task.Run(() => ProvideAsync(plan.For(run, worker)))),
        Task.Run(() => RegisterCopiesAsync(plan.For(run, CopyWorker))),
        Task.Run(() => AcquireSymbolsAsync(plan.For(run, SymbolWorker))),
        Task.Run(() => ReviewAsync(plan.For(run, ReviewWorker))),
    ];

    /// <summary>Said just before the kill: from now on a failed call is the kill's doing.</summary>
    public void Killing() => _killed = true;

    private async Task ProvideAsync(Random random)
    {
        while (!_killed)
        {
            var number = random.Next(CrashPeople.Answerable + CrashPeople.WithoutCopy);
            var expected = number >= CrashPeople.Answerable ? ProvisionOutcome.NotProvided
                : CrashPeople.IsHeld(number) ? ProvisionOutcome.Held : ProvisionOutcome.Provided;
            var permit = GatewayProcessHarness.Permit(FakeHubLedger.SymbolOf(CrashPeople.AcquisitionNumber(number)), _inquirerKey);
            if (!await CallAsync("Provide", async () =>
            {
                var answer = await callers.Hub.ProvideAsync(PermitForge.Inquiry(permit, gateway.Sign(permit)), deadline: Deadline());
                if ((ProvisionOutcome)answer.Outcome != expected)
                    _unexpected.Enqueue($"Provide answered {answer.Outcome} ({answer.NotProvidedReason}) where {expected} was due");
                acknowledged.Provisions[permit.PermitId] = (ProvisionOutcome)answer.Outcome;
                if (answer.Outcome == Contracts.Network.V1.ProvisionOutcome.Held) acknowledged.Undecided.Enqueue(permit.PermitId);
            })) return;
        }
    }

    private async Task RegisterCopiesAsync(Random random)
    {
        for (var next = 0; !_killed;)
        {
            var resent = acknowledged.CopyResends.TryDequeue(out var batch);
            if (!resent)
            {
                var first = Range(CrashRanges.Copies, next);
                batch = new CopyBatch($"crash-{plan.Seed}-{run}-{next++}",
                    [.. Enumerable.Range(0, BatchSize(random)).Select(i => CrashPeople.CopyOf(first + i))]);
            }
            await Pause(random);
            if (!await CallAsync("RegisterCopies", async () =>
            {
                using var call = callers.HealthSystem.RegisterCopies(deadline: Deadline());
                foreach (var copy in batch!.Copies) await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = batch.BatchId, Copy = copy });
                await call.RequestStream.CompleteAsync();
                var response = await call;
                // A resend finds its batch complete (already processed) or finishes it; either way all of it is stored.
                if (response.Received != batch.Copies.Count || response.Stored != batch.Copies.Count || response.Rejected != 0
                    || (response.AlreadyProcessed && !resent))
                    _unexpected.Enqueue($"RegisterCopies of {batch.Copies.Count} (resent: {resent}) answered received {response.Received}, " +
                        $"stored {response.Stored}, rejected {response.Rejected}, already processed {response.AlreadyProcessed}");
                acknowledged.CopyBatchAcknowledged(batch, resent);
            }, () => acknowledged.CopyResends.Enqueue(batch!))) return;
        }
    }

    private async Task AcquireSymbolsAsync(Random random)
    {
        for (var next = 0; !_killed;)
        {
            var resent = acknowledged.SymbolResends.TryDequeue(out var batch);
            if (!resent)
            {
                var first = Range(CrashRanges.Symbols, next++);
                batch = new SymbolBatch([.. Enumerable.Range(0, BatchSize(random)).Select(i => CrashPeople.SymbolRequest(first + i))]);
            }
            await Pause(random);
            if (!await CallAsync("AcquireSymbols", async () =>
            {
                using var call = callers.AddressSystem.AcquireSymbols(deadline: Deadline());
                foreach (var row in batch!.Rows) await call.RequestStream.WriteAsync(row);
                await call.RequestStream.CompleteAsync();
                var response = await call;
                // Rows a broken stream stored already are found acquired with the same symbol: nothing changes for them.
                if (response.Received != batch.Rows.Count || response.Acquired + response.AlreadyAcquired != batch.Rows.Count
                    || response.Failed != 0 || (response.AlreadyAcquired != 0 && !resent))
                    _unexpected.Enqueue($"AcquireSymbols of {batch.Rows.Count} (resent: {resent}) answered received {response.Received}, " +
                        $"acquired {response.Acquired}, already {response.AlreadyAcquired}, failed {response.Failed}");
                acknowledged.SymbolBatchAcknowledged(batch, resent);
            }, () => acknowledged.SymbolResends.Enqueue(batch!))) return;
        }
    }

    private async Task ReviewAsync(Random random)
    {
        while (!_killed)
        {
            if (!acknowledged.Undecided.TryDequeue(out var permitId))
            {
                await Task.Delay(50);
                continue;
            }
            var decision = random.NextDouble() < DeclineShare ? HeldState.Declined : HeldState.Approved;
            if (!await CallAsync("Approve/Decline", async () =>
            {
                await CrashReviewer.DecideAsync(callers.Review, permitId, decision, Deadline());
                acknowledged.Decisions[permitId] = decision;
            }, () => acknowledged.Uncertain.Enqueue((permitId, decision)))) return;
        }
    }

    /// <summary>
    /// One call; false once the kill came (after <paramref name="cutShort"/>, which keeps what the caller must ask
    /// again). A failure before the kill is noted as unexpected and the worker goes on.
    /// </summary>
    private async Task<bool> CallAsync(string rpc, Func<Task> call, Action? cutShort = null)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception) when (_killed)
        {
            cutShort?.Invoke();
            return false;
        }
        catch (RpcException error)
        {
            _unexpected.Enqueue($"{rpc} failed before the kill: {error.StatusCode} {error.Reason()} {error.Status.Detail}");
            cutShort?.Invoke();
            return !_killed;
        }
    }

    /// <summary>A back office's pause between batches, so that the provisions get the database's writer between them too.</summary>
    private static Task Pause(Random random) => Task.Delay(random.Next(0, 300));

    private static int BatchSize(Random random) => random.Next(CrashRanges.BatchLimit / 4, CrashRanges.BatchLimit);

    private long Range(long start, int batch) => batch < CrashRanges.BatchesPerRun
        ? start + (((long)run * CrashRanges.BatchesPerRun) + batch) * CrashRanges.BatchLimit
        : throw new InvalidOperationException("More batches in one run than the people's ranges leave room for.");

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;
}

/// <summary>Where the numbers of the people each batch registers begin: each batch of each run has a range of its own.</summary>
internal static class CrashRanges
{
    public const long Copies = 1_000_000, Symbols = 5_000_000;
    public const int BatchLimit = 500, BatchesPerRun = 100;
}
