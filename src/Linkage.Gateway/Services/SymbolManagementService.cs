using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Symbols;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Symbol acquisition for the address system. The symbol itself is never returned.</summary>
[Authorize(Roles = Roles.BackOffice)]
public sealed class SymbolManagementService(SymbolAcquisition acquisition, SymbolBatchAcquisition batch, SymbolMappings mappings)
    : SymbolManagement.SymbolManagementBase
{
    public override async Task<AcquireSymbolResponse> AcquireSymbol(AcquireSymbolRequest request, ServerCallContext context) =>
        new() { AlreadyAcquired = await acquisition.AcquireAsync(request.InternalAddressNumber, request.AcquisitionNumber, context.CancellationToken) };

    public override async Task<AcquireSymbolsResponse> AcquireSymbols(IAsyncStreamReader<AcquireSymbolRequest> requestStream, ServerCallContext context)
    {
        var rows = requestStream.ReadAllAsync(context.CancellationToken).Select(r => new AcquisitionRow(r.InternalAddressNumber, r.AcquisitionNumber));
        var report = await batch.AcquireAsync(rows, context.CancellationToken);
        return new AcquireSymbolsResponse
        {
            Received = report.Counts.Received, Acquired = report.Counts.Acquired, AlreadyAcquired = report.Counts.AlreadyAcquired,
            Failed = report.Counts.Failed, FailuresOmitted = report.FailuresOmitted,
            Failures = { report.Failures.Select(f => new Contracts.V1.AcquisitionFailure { Position = f.Position, Reason = f.Reason, Description = f.Description }) },
        };
    }

    public override async Task<GetMappingResponse> GetMapping(GetMappingRequest request, ServerCallContext context)
    {
        var mapping = await mappings.GetAsync(request.InternalAddressNumber, context.CancellationToken);
        return mapping is null ? new GetMappingResponse { Acquired = false } : new GetMappingResponse
        {
            Acquired = true, AcquiredAt = Timestamp.FromDateTimeOffset(mapping.AcquiredAt),
            Retired = mapping.IsRetired, RetiredAt = mapping.RetiredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
    }

    public override async Task<RetirePersonResponse> RetirePerson(RetirePersonRequest request, ServerCallContext context)
    {
        var (mapping, already) = await mappings.RetireAsync(request.InternalAddressNumber, context.CancellationToken);
        return new RetirePersonResponse { AlreadyRetired = already, RetiredAt = Timestamp.FromDateTimeOffset(mapping.RetiredAt!.Value) };
    }
}
