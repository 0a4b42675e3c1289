using Linkage.Domain.Staff;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Errors;
using Linkage.Hosting.Authentication;
using Linkage.Network.Sim.Faults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>The hub's service for gateways. The calling institution is always the one in the client certificate.</summary>
[Authorize(Roles = Roles.Gateway)]
public sealed class ProvisionNetworkService(
    SymbolIssuance symbols, PermittedListPublisher lists, PermitIssuer permits, ProviderRelay relay, CheckpointWitnessing witnessing, AnswerMailbox mailbox,
    FaultInjector faults,
    Crypto.Ed25519SignatureVerifier ownKey, IOptions<HubOptions> options) : ProvisionNetwork.ProvisionNetworkBase
{
    public override async Task<IssueSymbolResponse> IssueSymbol(IssueSymbolRequest request, ServerCallContext context) =>
        new() { Symbol = await symbols.IssueAsync(context.Peer().InstitutionCode, request.AcquisitionNumber, context.CancellationToken) };

    public override Task<IssueSymbolsResponse> IssueSymbols(IssueSymbolsRequest request, ServerCallContext context) =>
        symbols.IssueManyAsync(context.Peer().InstitutionCode, request.AcquisitionNumbers, context.CancellationToken);

    public override Task<SignedPermittedList> GetPermittedList(GetPermittedListRequest request, ServerCallContext context) =>
        Task.FromResult(lists.SignedList);

    public override Task<SignedPermit> RequestPermit(PermitRequest request, ServerCallContext context) =>
        faults.PassAsync(FaultStage.RequestPermit, request.InquiryId, context,
            () => Task.FromResult(permits.Issue(context.Peer().InstitutionCode, request)));

    public override async Task<ProvisionAnswer> RelayInquiry(RelayedInquiry request, ServerCallContext context)
    {
        var permit = OwnPermit(request.Permit);
        if (permit.InquirerInstitutionCode != context.Peer().InstitutionCode)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitWrongAudience, "The permit was issued to another inquirer.");
        return await faults.PassAsync(FaultStage.RelayInquiry, permit.InquiryId, context,
            () => relay.ProvideAsync(permit.ProviderInstitutionCode, request, context.CancellationToken));
    }

    /// <summary>
    /// A held answer, decided later by the provider, back to the inquirer named in the permit (its route); a member
    /// without gateway nodes finds it in its mailbox.
    /// </summary>
    public override async Task<DeliveryReceipt> RelayAnswer(DeliveredAnswer request, ServerCallContext context)
    {
        var permit = OwnPermit(request.Permit);
        if (permit.ProviderInstitutionCode != context.Peer().InstitutionCode)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitWrongAudience, "Only the permit's provider may answer it.");
        return await faults.PassAsync(FaultStage.RelayAnswer, permit.InquiryId, context, () => DeliverAsync(permit, request, context.CancellationToken));
    }

    private async Task<DeliveryReceipt> DeliverAsync(Permit permit, DeliveredAnswer request, CancellationToken ct)
    {
        if (!relay.Serves(permit.InquirerInstitutionCode) && options.Value.Institutions.Any(i => i.Code == permit.InquirerInstitutionCode))
        {
            var kept = await mailbox.KeepAsync(permit.InquirerInstitutionCode, permit.PermitId, request, ct);
            return new DeliveryReceipt { InquiryId = permit.InquiryId, AlreadyDelivered = !kept };
        }
        return await relay.DeliverAnswerAsync(permit.InquirerInstitutionCode, request, ct);
    }

    /// <summary>The caller's own waiting answers: the institution is its certificate's, never a field of the request.</summary>
    public override async Task<CollectAnswersResponse> CollectAnswers(CollectAnswersRequest request, ServerCallContext context)
    {
        if (request.MaxAnswers is < 0 or > AnswerMailbox.MaxBatch)
            throw DomainException.InvalidField("max_answers", ErrorReasons.InvalidArgument, $"At most {AnswerMailbox.MaxBatch} answers per call.");
        if (request.AcknowledgedPermitIds.Count > AnswerMailbox.MaxBatch)
            throw DomainException.InvalidField("acknowledged_permit_ids", ErrorReasons.InvalidArgument,
                $"At most {AnswerMailbox.MaxBatch} acknowledgements per call.");
        var (answers, more) = await mailbox.CollectAsync(context.Peer().InstitutionCode, request.AcknowledgedPermitIds,
            request.MaxAnswers == 0 ? AnswerMailbox.DefaultBatch : request.MaxAnswers, context.CancellationToken);
        return new CollectAnswersResponse { Answers = { answers }, More = more };
    }

    public override Task<CheckpointWitness> WitnessCheckpoint(SignedCheckpoint request, ServerCallContext context) =>
        witnessing.WitnessAsync(context.Peer().InstitutionCode, request, context.CancellationToken);

    public override Task<WitnessedCheckpoint> GetWitnessedHead(GetWitnessedHeadRequest request, ServerCallContext context) =>
        witnessing.HeadAsync(context.Peer().InstitutionCode, request.ChainId, context.CancellationToken);

    private Permit OwnPermit(SignedPermit? signed) =>
        signed is not null && ownKey.Verify(signed.Permit.Span, signed.Signature.Span)
            ? Permit.Parser.ParseFrom(signed.Permit)
            : throw new DomainException(ErrorKind.Unauthenticated, ErrorReasons.PermitSignatureInvalid, "The permit was not issued by this hub.");
}
