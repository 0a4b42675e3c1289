using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Provision copies from the health management system, validated against the item catalogue.</summary>
[Authorize(Roles = Roles.BackOffice)]
public sealed class CopyRegistrationService(CopyValidator validator, ICopyStore copies) : CopyRegistration.CopyRegistrationBase
{
    public override async Task<RegisterCopyResponse> RegisterCopy(RegisterCopyRequest request, ServerCallContext context)
    {
        var copy = validator.Validate(ToDraft(request.Copy ?? new Copy()));
        await copies.RegisterAsync(copy, context.CancellationToken);
        return new RegisterCopyResponse { Version = copy.Version };
    }

    internal static CopyDraft ToDraft(Copy copy) => new(
        copy.InternalAddressNumber, copy.InformationNameCode, copy.RecordKey, copy.Version, copy.ValidFrom, copy.ValidTo,
        copy.Items.Select(i => ((string?)i.ItemCode, (string?)i.Value)).ToList());
}
