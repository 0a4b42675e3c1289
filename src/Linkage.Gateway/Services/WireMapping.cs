using Linkage.Domain.Records;
using WireOutcome = Linkage.Contracts.V1.ProvisionOutcome;

namespace Linkage.Gateway.Services;

/// <summary>Small conversions shared by the services; anything larger belongs in the domain.</summary>
internal static class WireMapping
{
    public static WireOutcome ToWire(this ProvisionOutcome outcome) => outcome switch
    {
        ProvisionOutcome.Provided => WireOutcome.Provided,
        ProvisionOutcome.Held => WireOutcome.Held,
        ProvisionOutcome.NotProvided => WireOutcome.NotProvided,
        _ => WireOutcome.Unspecified,
    };
}
