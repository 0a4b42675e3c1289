using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using HoldFlagReason = Linkage.Domain.Review.HoldFlags.HoldFlagReason;
using WireReason = Linkage.Contracts.V1.HoldFlagReason;

namespace Linkage.Gateway.Administration;

/// <summary>
/// Hold flags as the messages of Administration (administrators) and CopyRegistration (the health management
/// system), which share them; the rules, and who may change which flag, are <see cref="HoldFlagAdministration"/>'s.
/// </summary>
public sealed class HoldFlagMapping(HoldFlagAdministration flags)
{
    public async Task<HoldFlagView> SetAsync(SetHoldFlagRequest request, Caller by, CancellationToken ct) =>
        ToWire(await flags.SetAsync(new HoldFlagAdministration.Draft(request.InternalAddressNumber, request.InformationNameCode,
            // The numbers are the same on both sides; one the domain does not know is refused there.
            (HoldFlagReason)(int)request.Reason, request.ReasonText,
            request.EffectiveFrom?.ToDateTimeOffset(), request.EffectiveTo?.ToDateTimeOffset()), by, ct));

    public async Task<HoldFlagView> ClearAsync(ClearHoldFlagRequest request, Caller by, CancellationToken ct) =>
        ToWire(await flags.ClearAsync(request.FlagId, request.Reason, by, ct));

    public async Task<ListHoldFlagsResponse> ListAsync(ListHoldFlagsRequest request, CancellationToken ct)
    {
        var (page, next) = await flags.ListAsync(request.IncludeCleared, request.InternalAddressNumber, request.InformationNameCode,
            request.PageSize, request.PageToken, ct);
        var response = new ListHoldFlagsResponse { NextPageToken = next };
        response.Flags.AddRange(page.Select(ToWire));
        return response;
    }

    public static HoldFlagView ToWire(HoldFlag flag) => new()
    {
        FlagId = flag.FlagId,
        InternalAddressNumber = flag.Person?.Value ?? "",
        InformationNameCode = flag.InformationName?.Value ?? "",
        Reason = (WireReason)(int)flag.Reason,
        ReasonText = flag.ReasonText,
        EffectiveFrom = Timestamp.FromDateTimeOffset(flag.EffectiveFrom),
        EffectiveTo = flag.EffectiveTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
        SetBy = flag.SetBy,
        SetAt = Timestamp.FromDateTimeOffset(flag.SetAt),
        ClearedAt = flag.ClearedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        ClearedBy = flag.ClearedBy,
        ClearReason = flag.ClearReason,
    };
}
