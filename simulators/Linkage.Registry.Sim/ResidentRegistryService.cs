using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.Registry.V1;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Registry.Sim;

public sealed class ResidentRegistryService(AcquisitionNumberBook book) : ResidentRegistry.ResidentRegistryBase
{
    /// <summary>Address systems of municipalities ask for acquisition numbers.</summary>
    [Authorize(Roles = Roles.BackOffice)]
    public override Task<IssueAcquisitionNumberResponse> IssueAcquisitionNumber(IssueAcquisitionNumberRequest request, ServerCallContext context)
    {
        var (number, expiresAt) = book.Issue(request.IndividualNumber);
        return Task.FromResult(new IssueAcquisitionNumberResponse { AcquisitionNumber = number, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
    }

    /// <summary>Only the hub redeems.</summary>
    [Authorize(Roles = Roles.Network)]
    public override Task<RedeemAcquisitionNumberResponse> RedeemAcquisitionNumber(RedeemAcquisitionNumberRequest request, ServerCallContext context) =>
        Task.FromResult(new RedeemAcquisitionNumberResponse { ResidentCode = book.Redeem(request.AcquisitionNumber) });
}
