using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Provision copies from the health management system, validated against the item catalogue.</summary>
[Authorize(Roles = Roles.BackOffice)]
public sealed class CopyRegistrationService(CopyValidator validator, ICopyStore copies, CopyBatchRegistration batches)
    : CopyRegistration.CopyRegistrationBase
{
    public override async Task<RegisterCopyResponse> RegisterCopy(RegisterCopyRequest request, ServerCallContext context)
    {
        var copy = validator.Validate(ToDraft(request.Copy ?? new Copy()));
        await copies.RegisterAsync(copy, context.CancellationToken);
        return new RegisterCopyResponse { Version = copy.Version };
    }

    public override async Task<RegisterCopiesResponse> RegisterCopies(
        IAsyncStreamReader<RegisterCopiesRequest> requestStream, ServerCallContext context)
    {
        var result = await batches.RegisterAsync(Items(requestStream, context.CancellationToken), context.CancellationToken);
        var response = new RegisterCopiesResponse
        {
            BatchId = result.BatchId,
            Received = result.Received,
            Stored = result.Stored,
            Rejected = result.Rejected,
            AlreadyProcessed = result.AlreadyProcessed,
        };
        response.Rejections.AddRange(result.Rejections.Select(r => new Contracts.V1.CopyRejection
        {
            Position = r.Position, RecordKey = r.RecordKey, Field = r.Field, Reason = r.Reason, Description = r.Description,
        }));
        return response;
    }

    public override async Task<DeleteCopyResponse> DeleteCopy(DeleteCopyRequest request, ServerCallContext context)
    {
        var (person, name, key) = RecordOf(request.InternalAddressNumber, request.InformationNameCode, request.RecordKey);
        return new DeleteCopyResponse { Version = await copies.DeleteAsync(person, name, key, context.CancellationToken) };
    }

    public override async Task<GetCopyResponse> GetCopy(GetCopyRequest request, ServerCallContext context)
    {
        var (person, name, key) = RecordOf(request.InternalAddressNumber, request.InformationNameCode, request.RecordKey);
        var stored = await copies.GetAsync(person, name, key, context.CancellationToken)
            ?? throw new Domain.Errors.DomainException(Domain.Errors.ErrorKind.NotFound, Domain.Errors.ErrorReasons.CopyNotFound,
                "There is no copy of this record.");
        var c = stored.Copy;
        var copy = new Copy
        {
            InternalAddressNumber = c.Person.Value,
            InformationNameCode = c.InformationName.Value,
            RecordKey = c.RecordKey,
            Version = c.Version,
            ValidFrom = c.ValidFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ValidTo = c.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        copy.Items.AddRange(c.Items.Select(i => new ItemValue { ItemCode = i.ItemCode, Value = i.Value }));
        return new GetCopyResponse { Copy = copy, Deleted = stored.IsDeleted };
    }

    internal static CopyDraft ToDraft(Copy copy) => new(
        copy.InternalAddressNumber, copy.InformationNameCode, copy.RecordKey, copy.Version, copy.ValidFrom, copy.ValidTo,
        copy.Items.Select(i => ((string?)i.ItemCode, (string?)i.Value)).ToList());

    private static async IAsyncEnumerable<CopyBatchItem> Items(
        IAsyncStreamReader<RegisterCopiesRequest> stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await stream.MoveNext(ct))
            yield return new CopyBatchItem(stream.Current.BatchId, ToDraft(stream.Current.Copy ?? new Copy()));
    }

    private static (InternalAddressNumber, InformationNameCode, string) RecordOf(string person, string name, string recordKey)
    {
        var informationName = InformationNameCode.Parse(name);
        InformationNames.Require(informationName);
        if (string.IsNullOrEmpty(CopyValidator.SafeRecordKey(recordKey)))
            throw Domain.Errors.DomainException.InvalidField("record_key", Domain.Errors.ErrorReasons.InvalidArgument,
                "A record key of ASCII letters, digits, '-', '_' or '.' is required.");
        return (InternalAddressNumber.Parse(person), informationName, recordKey);
    }
}
