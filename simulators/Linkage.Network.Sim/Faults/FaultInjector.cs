using Grpc.Core;

namespace Linkage.Network.Sim.Faults;

/// <summary>
/// Applies the fault plan to the messages through the hub. Each message is placed by its inquiry: exchanges are
/// numbered in the order the hub first sees their inquiry ids, and each stage of an exchange counts its attempts, so a
/// decision depends on the seed and on what the run did, never on when. Only kept while faults are enabled: the
/// numbering of a long run grows with its inquiries.
/// </summary>
public sealed partial class FaultInjector(FaultPlanOptions plan, ILogger<FaultInjector> logger)
{
    private readonly FaultPlan _plan = new(plan);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _exchanges = new(StringComparer.Ordinal);
    private readonly Dictionary<(FaultStage, long), int> _attempts = [];
    private readonly List<FaultDecision> _decisions = [];
    private readonly ReorderGate[] _gates = Enum.GetValues<FaultStage>().Select(_ => new ReorderGate()).ToArray();

    /// <summary>Every decision so far, faults and passes alike, in the order the messages came.</summary>
    public IReadOnlyList<FaultDecision> Decisions
    {
        get { lock (_lock) return [.. _decisions]; }
    }

    /// <summary>Passes the message on (<paramref name="forward"/>) as the plan decides for it.</summary>
    /// <param name="inquiryId">The inquiry the message belongs to, which places it in the run.</param>
    public async Task<T> PassAsync<T>(FaultStage stage, string inquiryId, ServerCallContext context, Func<Task<T>> forward)
    {
        if (!_plan.Options.Enabled) return await forward();
        var decision = Decide(stage, inquiryId);
        var gate = _gates[(int)stage];
        var ct = context.CancellationToken;
        if (decision.Kind != FaultKind.None) LogFault(logger, stage, decision.Exchange, decision.Attempt, decision.Kind, decision.OnReply);
        switch (decision.Kind)
        {
            case FaultKind.Delay:
                if (!decision.OnReply) await Task.Delay(decision.Delay, ct);
                gate.Pass();
                var delayed = await forward();
                if (decision.OnReply) await Task.Delay(decision.Delay, ct);
                return delayed;
            case FaultKind.Reorder:
                if (!decision.OnReply) await gate.HoldAsync(_plan.Options.ReorderWindow, ct);
                gate.Pass();
                var reordered = await forward();
                if (decision.OnReply) await gate.HoldAsync(_plan.Options.ReorderWindow, ct);
                return reordered;
            case FaultKind.Duplicate:
                gate.Pass();
                var first = await CaptureAsync(forward);
                gate.Pass();
                // The copy arrives after the original was answered; what it gets back goes nowhere.
                await CaptureAsync(forward);
                return first.Failure is { } failure ? throw Rethrown(failure) : first.Result!;
            case FaultKind.Drop:
                if (decision.OnReply) await PassAndLoseReplyAsync(gate, forward);
                return await SilenceAsync<T>(ct);
            case FaultKind.Disconnect:
                if (decision.OnReply) await PassAndLoseReplyAsync(gate, forward);
                // The call's HTTP/2 stream is reset; the connection's other calls go on.
                context.GetHttpContext().Abort();
                throw new RpcException(new Status(StatusCode.Unavailable, "The hub broke off the call (fault plan)."));
            default:
                gate.Pass();
                return await forward();
        }
    }

    private FaultDecision Decide(FaultStage stage, string inquiryId)
    {
        lock (_lock)
        {
            if (!_exchanges.TryGetValue(inquiryId, out var exchange)) _exchanges[inquiryId] = exchange = _exchanges.Count + 1;
            var attempt = _attempts[(stage, exchange)] = _attempts.GetValueOrDefault((stage, exchange)) + 1;
            var decision = _plan.Decide(stage, exchange, attempt);
            _decisions.Add(decision);
            return decision;
        }
    }

    private static async Task PassAndLoseReplyAsync<T>(ReorderGate gate, Func<Task<T>> forward)
    {
        gate.Pass();
        await CaptureAsync(forward);
    }

    /// <summary>No reply: until the caller gives up, or the hold passes and the call ends as a lost connection would.</summary>
    private async Task<T> SilenceAsync<T>(CancellationToken ct)
    {
        try
        {
            await Task.Delay(_plan.Options.DropHold, ct);
        }
        catch (OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The caller gave up on a dropped message."));
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "No reply came (the fault plan dropped the message)."));
    }

    private static async Task<(T? Result, Exception? Failure)> CaptureAsync<T>(Func<Task<T>> forward)
    {
        try
        {
            return (await forward(), null);
        }
        catch (Exception failure)
        {
            return (default, failure);
        }
    }

    private static Exception Rethrown(Exception failure)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return failure;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Fault plan: {Fault} on {Stage} of exchange {Exchange}, attempt {Attempt} (on the reply: {OnReply})")]
    private static partial void LogFault(ILogger logger, FaultStage stage, long exchange, int attempt, FaultKind fault, bool onReply);
}
