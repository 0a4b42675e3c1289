using Linkage.Contracts.V1;
using DeliveryState = Linkage.Domain.Review.DeliveryState;
using HeldState = Linkage.Domain.Review.HeldState;
using WireOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// The outbox across kills. The inquirer's side is the test's hub, which keeps the first answer to a permit and answers
/// a repeat "already delivered", as the real hub does. Every decided held answer must reach it with the decided outcome;
/// none may be sent twice within one phase of the test, and none again once a check saw it marked delivered: a resend
/// is only for an answer whose delivery a kill cut short, between the hub's acknowledgement and the gateway's mark.
/// </summary>
internal sealed class CrashDeliveries(FakeHubLedger hub, Acknowledged acknowledged, CrashChecks checks)
{
    private readonly Dictionary<string, int> _markedDeliveredBy = [];

    /// <summary>Answers sent again after a kill cut their delivery short (the hub answered them "already delivered").</summary>
    public int Resends => hub.AcknowledgedPermits.Sum(p => hub.AcknowledgedPhases(p).Count - 1);

    /// <summary>Waits until the outbox has delivered every decision, then moves the hub on to a new phase.</summary>
    public async Task AssertFinishesAsync(GatewayProcess gateway, Administration.AdministrationClient administration)
    {
        await gateway.WaitUntilAsync(async () =>
        {
            var outbox = await checks.OutboxAsync();
            return acknowledged.Decisions.Keys.All(p => outbox.GetValueOrDefault(p) == DeliveryState.Delivered && hub.AcknowledgedPhases(p).Count > 0);
        });
        var jobs = await administration.ListJobsAsync(new ListJobsRequest());
        Assert.Empty(jobs.Parked);
        Assert.Equal(0, jobs.PendingDeliveries);
        foreach (var permitId in acknowledged.Decisions.Keys) _markedDeliveredBy.TryAdd(permitId, hub.Phase);
        AssertOnce();
        hub.Phase++;
    }

    public void AssertOnce()
    {
        foreach (var permitId in hub.AcknowledgedPermits)
        {
            Assert.True(acknowledged.Decisions.TryGetValue(permitId, out var decision), $"The answer of permit {permitId} went out undecided.");
            var expected = decision == HeldState.Approved ? WireOutcome.Provided : WireOutcome.NotProvided;
            Assert.True(hub.Acknowledged(permitId).All(a => a.Answer.Outcome == expected), $"Permit {permitId}, {decision}, was delivered otherwise.");
            var phases = hub.AcknowledgedPhases(permitId);
            Assert.True(phases.Distinct().Count() == phases.Count, $"The answer of permit {permitId} was delivered twice in one phase: {string.Join(", ", phases)}.");
            if (_markedDeliveredBy.TryGetValue(permitId, out var by))
                Assert.True(phases.All(p => p <= by), $"The answer of permit {permitId} was sent again after it was marked delivered (phase {by}): {string.Join(", ", phases)}.");
        }
    }
}
