using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Records;
using Linkage.Domain.Records.Disclosure;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using RecordsContract = Linkage.Contracts.V1.Records;

namespace Linkage.Gateway.Records;

/// <summary>
/// Provision records for auditors and staff (listing, disclosure for one person, restricted to the information names
/// a staff member may act on), the operation log for auditors, and verification of either chain.
/// Permissions: <see cref="RpcPermissions"/>.
/// </summary>
public sealed class RecordsService(
    IRecordReader records, IOperationLogReader operations, RecordDisclosure disclosure, IKeptChains chains,
    SealedChainVerifier<ProvisionRecordEntry> recordVerifier, SealedChainVerifier<OperationEntry> operationVerifier)
    : RecordsContract.RecordsBase
{
    public override async Task<ListRecordsResponse> ListRecords(ListRecordsRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(await records.ListAsync(request.AfterSequence, PageSize.Of(request.PageSize),
            context.Caller().InformationNamesFor(request.InformationNameCode), context.CancellationToken));

    public override async Task<DiscloseResponse> Disclose(DiscloseRequest request, ServerCallContext context) =>
        DisclosureMapping.ToWire(await disclosure.DiscloseAsync(context.Caller(), request.InternalAddressNumber, request.InformationNameCode,
            request.FromDate, request.ToDate, context.CancellationToken));

    public override async Task<NonDisclosureMarkView> MarkNonDisclosure(MarkNonDisclosureRequest request, ServerCallContext context) =>
        DisclosureMapping.ToWire(await disclosure.MarkAsync(context.Caller(), request.Sequence, request.Reason, context.CancellationToken));

    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(request.Chain == Chain.OperationLog
            ? await operationVerifier.VerifyAsync(chains.OperationLog, operations.ReadAllAsync(context.CancellationToken), context.CancellationToken)
            : await recordVerifier.VerifyAsync(chains.ProvisionRecords, records.ReadAllAsync(context.CancellationToken), context.CancellationToken));

    public override async Task<ListOperationsResponse> ListOperations(ListOperationsRequest request, ServerCallContext context) =>
        OperationsMapping.ToWire(await operations.ListAsync(OperationsMapping.ToFilter(request), request.AfterSequence,
            PageSize.Of(request.PageSize), context.CancellationToken));
}
