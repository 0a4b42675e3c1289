using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Gateway.Access;
using ReviewContract = Linkage.Contracts.V1.Review;

namespace Linkage.Gateway.Review;

/// <summary>Held responses for reviewers: list, context, preview, approve, decline. Permissions: <see cref="RpcPermissions"/>.</summary>
public sealed class ReviewService(HeldReview review, IHeldResponseStore held, IPermitVerifier verifier,
    IPermittedListSource lists, TimeProvider clock)
    : ReviewContract.ReviewBase
{
    public override async Task<ListHeldResponse> ListHeld(ListHeldRequest request, ServerCallContext context) =>
        ReviewMapping.ToWire(await held.ListAsync(ReviewMapping.ToFilter(request, context.Caller()), request.PageToken,
            PageSize.Of(request.PageSize), clock.GetUtcNow(), context.CancellationToken));

    public override async Task<HeldDetail> GetHeld(GetHeldRequest request, ServerCallContext context) =>
        await DetailAsync(await review.GetAsync(context.Caller(), request.HeldId, context.CancellationToken), context.CancellationToken);

    public override async Task<AnswerPreview> PreviewAnswer(GetHeldRequest request, ServerCallContext context) =>
        ReviewMapping.ToWire(request.HeldId, await review.PreviewAsync(context.Caller(), request.HeldId, context.CancellationToken));

    public override async Task<HeldDetail> Approve(ApproveRequest request, ServerCallContext context)
    {
        await review.ApproveAsync(context.Caller(), request.HeldId, request.Comment, context.CancellationToken);
        return await DetailAsync(await review.GetAsync(context.Caller(), request.HeldId, context.CancellationToken), context.CancellationToken);
    }

    public override async Task<HeldDetail> Decline(DeclineRequest request, ServerCallContext context)
    {
        await review.DeclineAsync(context.Caller(), request.HeldId, ReviewMapping.ToDomain(request.Reason), request.Text, context.CancellationToken);
        return await DetailAsync(await review.GetAsync(context.Caller(), request.HeldId, context.CancellationToken), context.CancellationToken);
    }

    private async Task<HeldDetail> DetailAsync(HeldResponse response, CancellationToken ct) =>
        ReviewMapping.ToWire(response, verifier.Verify(response.Permit), await held.HistoryAsync(response.PermitId, ct),
            lists.Current?.Directory ?? NetworkDirectory.Empty);
}
