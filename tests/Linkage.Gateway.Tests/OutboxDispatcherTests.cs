using Linkage.Domain.Answers;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Logging.Abstractions;
using MicrosoftOptions = Microsoft.Extensions.Options.Options;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The outbox dispatcher sends an answer once while it runs: a read of the outbox that found the answer pending while
/// its delivery was under way, and that returned only after the delivery ended, starts no second delivery (the crash
/// matrix's rule that no answer goes to the hub twice within one life of the process).
/// </summary>
public sealed class OutboxDispatcherTests
{
    private static readonly OutgoingAnswer Answer = new("permit-1", "inquiry-1", new SignedPermitData([1], [2], "hub-key"),
        ProvisionOutcome.NotProvided, "DECLINED", null);

    [Fact(Timeout = 60_000)]
    public async Task A_read_that_found_an_answer_pending_before_its_delivery_ended_does_not_send_it_again()
    {
        var outbox = new StaleOutbox();
        var relay = new GatedRelay(outbox.SecondReadTaken);
        var options = MicrosoftOptions.Create(new ReviewOptions { DeliveryPollInterval = TimeSpan.FromMilliseconds(50) });
        var board = new JobBoard(TimeProvider.System, [], new Linkage.Storage.Leadership.AlwaysLeader(), NullLogger<JobBoard>.Instance);
        using var dispatcher = new OutboxDispatcher(outbox, relay, options, board, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.StartAsync(CancellationToken.None);
        await outbox.StaleReadReturned.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await outbox.LaterRead.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the round that used the stale read is over
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(1, relay.Calls);
        Assert.Equal(1, outbox.MarkedDelivered);
    }

    /// <summary>
    /// One answer. The first read finds it pending; so does the second, taken while its delivery is under way, which
    /// returns only once the delivery was marked (as a slow read would); later reads find nothing pending.
    /// </summary>
    private sealed class StaleOutbox : IAnswerOutbox
    {
        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads, _marked;

        public TaskCompletionSource SecondReadTaken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource StaleReadReturned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource LaterRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int MarkedDelivered => Volatile.Read(ref _marked);

        public async Task<IReadOnlyList<OutgoingAnswer>> PendingAsync(int limit, CancellationToken ct)
        {
            switch (Interlocked.Increment(ref _reads))
            {
                case 1:
                    return [Answer];
                case 2:
                    SecondReadTaken.TrySetResult();
                    await _delivered.Task.WaitAsync(ct);
                    await Task.Delay(100, ct); // the delivery's own ending (it leaves the in-flight set) comes first
                    StaleReadReturned.TrySetResult();
                    return [Answer];
                default:
                    if (StaleReadReturned.Task.IsCompleted) LaterRead.TrySetResult();
                    return [];
            }
        }

        public Task MarkDeliveredAsync(string permitId, DateTimeOffset at, CancellationToken ct)
        {
            Interlocked.Increment(ref _marked);
            _delivered.TrySetResult();
            return Task.CompletedTask;
        }

        public Task MarkFailedAsync(string permitId, int attempts, string failure, bool park, DateTimeOffset at, CancellationToken ct) =>
            throw new InvalidOperationException($"No delivery fails here ({failure}).");

        public Task<bool> RetryAsync(string permitId, CancellationToken ct) => Task.FromResult(false);

        public Task<IReadOnlyList<(OutgoingAnswer Answer, DateTimeOffset ParkedAt)>> ParkedAsync(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<(OutgoingAnswer, DateTimeOffset)>>([]);

        public Task<int> CountPendingAsync(CancellationToken ct) => Task.FromResult(0);
    }

    /// <summary>Acknowledges every answer, the first only once the dispatcher has read the outbox again.</summary>
    private sealed class GatedRelay(TaskCompletionSource gate) : IAnswerRelay
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task RelayAsync(SignedPermitData permit, string permitId, string inquiryId, ProvisionOutcome outcome, string reason,
            SealedAnswer? answer, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            await gate.Task.WaitAsync(ct);
        }
    }
}
