using Linkage.Domain.Staff;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Registry.Sim;

[Authorize(Roles = $"{Roles.AddressSystem},{Roles.Network}")]
public sealed class ResidentRegistryService(AcquisitionNumberBook book) : ResidentRegistry.ResidentRegistryBase
{
    /// <summary>The most entries one bulk call may carry, so that one caller cannot tie the registry up.</summary>
    public const int MaxBatch = 5_000;

    /// <summary>Address systems of municipalities ask for acquisition numbers.</summary>
    [Authorize(Roles = Roles.AddressSystem)]
    public override Task<IssueAcquisitionNumberResponse> IssueAcquisitionNumber(IssueAcquisitionNumberRequest request, ServerCallContext context)
    {
        var (number, expiresAt) = book.Issue(request.IndividualNumber);
        return Task.FromResult(new IssueAcquisitionNumberResponse { AcquisitionNumber = number, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
    }

    /// <summary>Only the hub redeems.</summary>
    [Authorize(Roles = Roles.Network)]
    public override Task<RedeemAcquisitionNumberResponse> RedeemAcquisitionNumber(RedeemAcquisitionNumberRequest request, ServerCallContext context) =>
        Task.FromResult(new RedeemAcquisitionNumberResponse { ResidentCode = book.Redeem(request.AcquisitionNumber) });

    [Authorize(Roles = Roles.AddressSystem)]
    public override Task<IssueAcquisitionNumbersResponse> IssueAcquisitionNumbers(IssueAcquisitionNumbersRequest request, ServerCallContext context)
    {
        RequireBatchSize(request.IndividualNumbers.Count, "individual_numbers");
        var response = new IssueAcquisitionNumbersResponse();
        foreach (var individualNumber in request.IndividualNumbers)
        {
            try
            {
                var (number, expiresAt) = book.Issue(individualNumber);
                response.Results.Add(new IssuedAcquisitionNumber { AcquisitionNumber = number, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
            }
            catch (DomainException refusal)
            {
                response.Results.Add(new IssuedAcquisitionNumber { Reason = refusal.Reason, Description = refusal.Message });
            }
        }
        return Task.FromResult(response);
    }

    [Authorize(Roles = Roles.Network)]
    public override Task<RedeemAcquisitionNumbersResponse> RedeemAcquisitionNumbers(RedeemAcquisitionNumbersRequest request, ServerCallContext context)
    {
        RequireBatchSize(request.AcquisitionNumbers.Count, "acquisition_numbers");
        var response = new RedeemAcquisitionNumbersResponse();
        foreach (var number in request.AcquisitionNumbers)
        {
            try
            {
                response.Results.Add(new RedeemedAcquisitionNumber { ResidentCode = book.Redeem(number) });
            }
            catch (DomainException refusal)
            {
                response.Results.Add(new RedeemedAcquisitionNumber { Reason = refusal.Reason, Description = refusal.Message });
            }
        }
        return Task.FromResult(response);
    }

    private static void RequireBatchSize(int count, string field)
    {
        if (count > MaxBatch)
            throw DomainException.InvalidField(field, ErrorReasons.InvalidArgument, $"At most {MaxBatch} entries per call.");
    }
}
