using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Symbols;

namespace Linkage.Gateway.Symbols;

/// <summary>The address system's symbol messages as domain values, and reports and mappings as messages. No symbol leaves.</summary>
internal static class SymbolManagementMapping
{
    public static AcquisitionRow ToDomain(AcquireSymbolRequest request) => new(request.InternalAddressNumber, request.AcquisitionNumber);

    public static AcquireSymbolsResponse ToWire(SymbolBatchReport report) => new()
    {
        Received = report.Counts.Received,
        Acquired = report.Counts.Acquired,
        AlreadyAcquired = report.Counts.AlreadyAcquired,
        Failed = report.Counts.Failed,
        FailuresOmitted = report.FailuresOmitted,
        Failures =
        {
            report.Failures.Select(f => new Contracts.V1.AcquisitionFailure { Position = f.Position, Reason = f.Reason, Description = f.Description }),
        },
    };

    public static GetMappingResponse ToWire(Domain.Symbols.SymbolMapping? mapping) => mapping is null ? new GetMappingResponse { Acquired = false } : new()
    {
        Acquired = true,
        AcquiredAt = Timestamp.FromDateTimeOffset(mapping.AcquiredAt),
        Retired = mapping.IsRetired,
        RetiredAt = mapping.RetiredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };
}
