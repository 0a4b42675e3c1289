using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Domain.Errors;
using Linkage.Gateway.Access;
using Linkage.Gateway.Administration;

namespace Linkage.Gateway.Copies;

/// <summary>
/// Provision copies from the health management system, validated against the item catalogue, and the hold flags it
/// keeps with them (by the same rules as an administrator's, <see cref="HoldFlagMapping"/>).
/// </summary>
public sealed class CopyRegistrationService(
    CopyValidator validator, ICopyStore copies, CopyBatchRegistration batches, HoldFlagMapping holdFlags)
    : CopyRegistration.CopyRegistrationBase
{
    public override async Task<RegisterCopyResponse> RegisterCopy(RegisterCopyRequest request, ServerCallContext context)
    {
        var copy = validator.Validate(CopyMapping.ToDraft(request.Copy));
        await copies.RegisterAsync(copy, context.CancellationToken);
        return new RegisterCopyResponse { Version = copy.Version };
    }

    public override async Task<RegisterCopiesResponse> RegisterCopies(
        IAsyncStreamReader<RegisterCopiesRequest> requestStream, ServerCallContext context) =>
        CopyMapping.ToWire(await batches.RegisterAsync(context.Caller().Id, CopyMapping.ToDomain(requestStream, context.CancellationToken),
            context.CancellationToken));

    public override async Task<DeleteCopyResponse> DeleteCopy(DeleteCopyRequest request, ServerCallContext context)
    {
        var record = CopyAddress.Parse(request.InternalAddressNumber, request.InformationNameCode, request.RecordKey);
        return new DeleteCopyResponse
        {
            Version = await copies.DeleteAsync(record.Person, record.InformationName, record.RecordKey, context.CancellationToken),
        };
    }

    public override async Task<GetCopyResponse> GetCopy(GetCopyRequest request, ServerCallContext context)
    {
        var record = CopyAddress.Parse(request.InternalAddressNumber, request.InformationNameCode, request.RecordKey);
        var stored = await copies.GetAsync(record.Person, record.InformationName, record.RecordKey, context.CancellationToken)
            ?? throw new DomainException(ErrorKind.NotFound, ErrorReasons.CopyNotFound, "There is no copy of this record.");
        return CopyMapping.ToWire(stored);
    }

    public override Task<HoldFlagView> SetHoldFlag(SetHoldFlagRequest request, ServerCallContext context) =>
        holdFlags.SetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<HoldFlagView> ClearHoldFlag(ClearHoldFlagRequest request, ServerCallContext context) =>
        holdFlags.ClearAsync(request, context.Caller(), context.CancellationToken);
}
