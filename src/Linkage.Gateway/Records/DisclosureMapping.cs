using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Records.Disclosure;
using Linkage.Network.Client;
using RecordDirection = Linkage.Domain.Records.RecordDirection;
using WireDirection = Linkage.Contracts.V1.RecordDirection;

namespace Linkage.Gateway.Records;

/// <summary>Disclosed exchanges and non-disclosure marks as the Records service's messages.</summary>
internal static class DisclosureMapping
{
    public static DiscloseResponse ToWire(IEnumerable<Domain.Records.Disclosure.DisclosedExchange> exchanges)
    {
        var response = new DiscloseResponse();
        response.Exchanges.AddRange(exchanges.Select(e => new Contracts.V1.DisclosedExchange
        {
            Sequence = e.Record.Sequence,
            Node = e.Record.Node,
            Date = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateInWords = WarekiDate.Gregorian(e.Date),
            DateInEra = WarekiDate.Era(e.Date),
            Direction = e.Direction == RecordDirection.Incoming ? WireDirection.Incoming : WireDirection.Outgoing,
            OtherInstitutionCode = e.OtherInstitutionCode,
            OtherInstitutionName = e.OtherInstitutionName,
            InformationNameCode = e.InformationNameCode,
            InformationName = e.InformationName,
            AffairCode = e.AffairCode,
            AffairName = e.AffairName,
            LegalBasis = e.LegalBasis,
            Outcome = e.Outcome.ToWire(),
            Reason = e.Reason,
            OutcomeInWords = e.OutcomeInWords,
            Summary = e.Summary,
            NonDisclosureReason = e.NonDisclosureReason ?? "",
        }));
        return response;
    }

    public static NonDisclosureMarkView ToWire(NonDisclosureMark mark) => new()
    {
        Sequence = mark.Record.Sequence, Node = mark.Record.Node, Reason = mark.Reason, MarkedBy = mark.MarkedBy, MarkedAt = Timestamp.FromDateTimeOffset(mark.MarkedAt),
    };
}
