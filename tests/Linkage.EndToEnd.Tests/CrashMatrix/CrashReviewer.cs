using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Testing;
using HeldState = Linkage.Domain.Review.HeldState;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>The reviewer's decisions on held answers, and what the reviewer does about one a kill cut short.</summary>
internal static class CrashReviewer
{
    public static async Task DecideAsync(Review.ReviewClient review, string permitId, HeldState decision, DateTime deadline)
    {
        if (decision == HeldState.Approved) await review.ApproveAsync(new ApproveRequest { HeldId = permitId }, deadline: deadline);
        else await review.DeclineAsync(new DeclineRequest { HeldId = permitId, Reason = DeclineReason.SupportMeasure }, deadline: deadline);
    }

    /// <summary>
    /// Asks again for each decision a kill cut short: it is made now, or it was made before the kill, when the held
    /// answer must stand as it was asked; either way it is a decision the outbox owes the inquirer from now on.
    /// </summary>
    public static async Task ResolveCutShortAsync(Review.ReviewClient review, Acknowledged acknowledged)
    {
        while (acknowledged.Uncertain.TryDequeue(out var asked))
        {
            try
            {
                await DecideAsync(review, asked.PermitId, asked.Decision, DateTime.UtcNow.AddMinutes(1));
            }
            catch (RpcException decided) when (decided.Reason() == ErrorReasons.HeldAlreadyDecided)
            {
                var held = await review.GetHeldAsync(new GetHeldRequest { HeldId = asked.PermitId });
                Assert.True((int)held.Summary.State == (int)asked.Decision,
                    $"The held answer of permit {asked.PermitId} was asked {asked.Decision} before a kill and stands {held.Summary.State}.");
            }
            acknowledged.Decisions[asked.PermitId] = asked.Decision;
        }
    }
}
