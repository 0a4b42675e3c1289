using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Symbol acquisition for the address system. The symbol itself is never returned.</summary>
[Authorize(Roles = Roles.BackOffice)]
public sealed class SymbolManagementService(SymbolAcquisition acquisition, ISymbolStore symbols) : SymbolManagement.SymbolManagementBase
{
    public override async Task<AcquireSymbolResponse> AcquireSymbol(AcquireSymbolRequest request, ServerCallContext context) =>
        new() { AlreadyAcquired = await acquisition.AcquireAsync(request.InternalAddressNumber, request.AcquisitionNumber, context.CancellationToken) };

    public override async Task<GetMappingResponse> GetMapping(GetMappingRequest request, ServerCallContext context)
    {
        var person = InternalAddressNumber.Parse(request.InternalAddressNumber);
        var acquiredAt = await symbols.AcquiredAtAsync(person, context.CancellationToken);
        return acquiredAt is null
            ? new GetMappingResponse { Acquired = false }
            : new GetMappingResponse { Acquired = true, AcquiredAt = Timestamp.FromDateTimeOffset(acquiredAt.Value) };
    }
}
