using System.Globalization;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;

namespace Linkage.Gateway.Copies;

/// <summary>The health management system's copy messages as domain values, and stored copies and batch results as messages.</summary>
internal static class CopyMapping
{
    public static CopyDraft ToDraft(Copy? copy)
    {
        copy ??= new Copy();
        return new CopyDraft(copy.InternalAddressNumber, copy.InformationNameCode, copy.RecordKey, copy.Version, copy.ValidFrom,
            copy.ValidTo, copy.Items.Select(i => ((string?)i.ItemCode, (string?)i.Value)).ToList());
    }

    public static async IAsyncEnumerable<CopyBatchItem> ToDomain(
        IAsyncStreamReader<RegisterCopiesRequest> stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await stream.MoveNext(ct))
            yield return new CopyBatchItem(stream.Current.BatchId, ToDraft(stream.Current.Copy));
    }

    public static RegisterCopiesResponse ToWire(CopyBatchResult result)
    {
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
            Position = r.Position,
            RecordKey = r.RecordKey,
            Field = r.Field,
            Reason = r.Reason,
            Description = r.Description,
        }));
        return response;
    }

    public static GetCopyResponse ToWire(StoredCopy stored)
    {
        var c = stored.Copy;
        var copy = new Copy
        {
            InternalAddressNumber = c.Person.Value,
            InformationNameCode = c.InformationName.Value,
            RecordKey = c.RecordKey,
            Version = c.Version,
            ValidFrom = c.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = c.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        };
        copy.Items.AddRange(c.Items.Select(i => new ItemValue { ItemCode = i.ItemCode, Value = i.Value }));
        return new GetCopyResponse { Copy = copy, Deleted = stored.IsDeleted };
    }
}
