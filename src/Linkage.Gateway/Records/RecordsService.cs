using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Records;
using Linkage.Domain.Records.Disclosure;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using RecordsContract = Linkage.Contracts.V1.Records;

namespace Linkage.Gateway.Records;

/// <summary>
/// Provision records for auditors and staff (listing, disclosure for one person, restricted to the information names
/// a staff member may act on), the operation log for auditors, and verification of every node's chains of either kind.
/// Permissions: <see cref="RpcPermissions"/>.
/// </summary>
public sealed class RecordsService(
    IRecordReader records, IOperationLogReader operations, RecordDisclosure disclosure, IKeptChains chains,
    SealedChainVerifier<ProvisionRecordEntry> recordVerifier, SealedChainVerifier<OperationEntry> operationVerifier)
    : RecordsContract.RecordsBase
{
    public override async Task<ListRecordsResponse> ListRecords(ListRecordsRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(await records.ListAsync(RecordsMapping.After(request.AfterNode, request.AfterSequence), PageSize.Of(request.PageSize),
            context.Caller().InformationNamesFor(request.InformationNameCode), context.CancellationToken));

    public override async Task<DiscloseResponse> Disclose(DiscloseRequest request, ServerCallContext context) =>
        DisclosureMapping.ToWire(await disclosure.DiscloseAsync(context.Caller(), request.InternalAddressNumber, request.InformationNameCode,
            request.FromDate, request.ToDate, context.CancellationToken));

    public override async Task<NonDisclosureMarkView> MarkNonDisclosure(MarkNonDisclosureRequest request, ServerCallContext context) =>
        DisclosureMapping.ToWire(await disclosure.MarkAsync(context.Caller(), request.Node, request.Sequence, request.Reason, context.CancellationToken));

    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var kind = request.Chain == Chain.OperationLog ? ChainKind.OperationLog : ChainKind.ProvisionRecords;
        var ofKind = (await chains.InstitutionChainsAsync(ct)).Where(c => c.Kind == kind);
        var verified = kind == ChainKind.OperationLog
            ? await operationVerifier.VerifyEachAsync(ofKind, node => operations.ReadAllAsync(node, ct), ct)
            : await recordVerifier.VerifyEachAsync(ofKind, node => records.ReadAllAsync(node, ct), ct);
        return RecordsMapping.ToWire(verified, chains.Node);
    }

    public override async Task<ListOperationsResponse> ListOperations(ListOperationsRequest request, ServerCallContext context) =>
        OperationsMapping.ToWire(await operations.ListAsync(OperationsMapping.ToFilter(request), RecordsMapping.After(request.AfterNode, request.AfterSequence),
            PageSize.Of(request.PageSize), context.CancellationToken));
}
