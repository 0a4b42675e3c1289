using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Records;

/// <summary>
/// One 情報提供等記録: who asked whom for what, under which legal basis, with which outcome. Never a payload value.
/// Built only by the factories below, so that each kind of exchange fills the same fields the same way.
/// <see cref="PermitExpiresAt"/> is set by the record writer when the record marks its permit as used: the replay
/// guard reloads it at start, so the chain's hash covers it.
/// </summary>
public sealed record ProvisionRecordEntry(
    DateTimeOffset RecordedAt,
    RecordDirection Direction,
    string InquiryId,
    string PermitId,
    string InquirerInstitution,
    string ProviderInstitution,
    string Affair,
    string Procedure,
    string InformationName,
    string LegalBasis,
    ProvisionOutcome Outcome,
    string Reason,
    InternalAddressNumber? Person,
    DateTimeOffset? PermitExpiresAt = null)
{
    /// <summary>
    /// Another institution inquired and we provided, held or refused. <paramref name="permit"/> is null when the permit
    /// did not verify: a refused message is recorded, not believed, so its fields stay empty. The legal basis is the
    /// local list's entry when one matched, else the permit's.
    /// </summary>
    public static ProvisionRecordEntry Incoming(DateTimeOffset at, InstitutionCode self, PermitClaims? permit,
        PermittedEntry? entry, ProvisionOutcome outcome, string reason, InternalAddressNumber? person) =>
        new(at, RecordDirection.Incoming,
            InquiryId: permit?.InquiryId ?? "",
            PermitId: permit?.PermitId ?? "",
            InquirerInstitution: permit?.Inquirer.Value ?? "",
            ProviderInstitution: self.Value,
            Affair: permit?.Affair.Value ?? "",
            Procedure: permit?.Procedure.Value ?? "",
            InformationName: permit?.InformationName.Value ?? "",
            LegalBasis: entry?.LegalBasis ?? permit?.LegalBasis ?? "",
            Outcome: outcome,
            Reason: reason,
            Person: person);

    /// <summary>Staff decided an answer that was held: the provision happens (or is refused) now, under the held permit.</summary>
    public static ProvisionRecordEntry Decision(DateTimeOffset at, InstitutionCode self, PermitClaims permit,
        ProvisionOutcome outcome, string reason, InternalAddressNumber person) =>
        Incoming(at, self, permit, entry: null, outcome, reason, person);

    /// <summary>We inquired for the back office. <paramref name="permitId"/> is empty when no permit was issued.</summary>
    public static ProvisionRecordEntry Outgoing(DateTimeOffset at, InstitutionCode self, OutgoingExchange exchange,
        string permitId, ProvisionOutcome outcome, string reason) =>
        new(at, RecordDirection.Outgoing,
            InquiryId: exchange.InquiryId,
            PermitId: permitId,
            InquirerInstitution: self.Value,
            ProviderInstitution: exchange.Provider.Value,
            Affair: exchange.Affair.Value,
            Procedure: exchange.Procedure.Value,
            InformationName: exchange.InformationName.Value,
            LegalBasis: exchange.LegalBasis,
            Outcome: outcome,
            Reason: reason,
            Person: exchange.Person);
}
