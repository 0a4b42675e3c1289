using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using RecordsContract = Linkage.Contracts.V1.Records;

namespace Linkage.Gateway.Records;

/// <summary>Provision records for auditors and administrators: listing, disclosure for one person, chain verification.</summary>
[Authorize(Roles = $"{Roles.Auditor},{Roles.Administrator}")]
public sealed class RecordsService(IRecordReader records, RecordChainVerifier verifier) : RecordsContract.RecordsBase
{
    public override async Task<ListRecordsResponse> ListRecords(ListRecordsRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(await records.ListAsync(request.AfterSequence, PageSize.Of(request.PageSize), context.CancellationToken));

    public override async Task<ListRecordsResponse> Disclose(DiscloseRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(await records.ListForPersonAsync(InternalAddressNumber.Parse(request.InternalAddressNumber), context.CancellationToken));

    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context) =>
        RecordsMapping.ToWire(await verifier.VerifyAsync(context.CancellationToken));
}
