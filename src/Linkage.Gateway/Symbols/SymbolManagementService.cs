using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Symbols;

namespace Linkage.Gateway.Symbols;

/// <summary>Symbol acquisition for the address system. The symbol itself is never returned.</summary>
public sealed class SymbolManagementService(SymbolAcquisition acquisition, SymbolBatchAcquisition batch, SymbolMappings mappings)
    : SymbolManagement.SymbolManagementBase
{
    public override async Task<AcquireSymbolResponse> AcquireSymbol(AcquireSymbolRequest request, ServerCallContext context) =>
        new() { AlreadyAcquired = await acquisition.AcquireAsync(request.InternalAddressNumber, request.AcquisitionNumber, context.CancellationToken) };

    public override async Task<AcquireSymbolsResponse> AcquireSymbols(IAsyncStreamReader<AcquireSymbolRequest> requestStream, ServerCallContext context) =>
        SymbolManagementMapping.ToWire(await batch.AcquireAsync(
            requestStream.ReadAllAsync(context.CancellationToken).Select(SymbolManagementMapping.ToDomain), context.CancellationToken));

    public override async Task<GetMappingResponse> GetMapping(GetMappingRequest request, ServerCallContext context) =>
        SymbolManagementMapping.ToWire(await mappings.GetAsync(request.InternalAddressNumber, context.CancellationToken));

    public override async Task<RetirePersonResponse> RetirePerson(RetirePersonRequest request, ServerCallContext context)
    {
        var (mapping, already) = await mappings.RetireAsync(request.InternalAddressNumber, context.CancellationToken);
        return new RetirePersonResponse { AlreadyRetired = already, RetiredAt = Timestamp.FromDateTimeOffset(mapping.RetiredAt!.Value) };
    }
}
