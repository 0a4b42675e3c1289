using Linkage.Domain.Answers;
using Linkage.Domain.Chains;

namespace Linkage.Domain.Records.Disclosure;

/// <summary>One exchange about the person, as shown to them: in words, with codes beside where staff use them.</summary>
/// <param name="Record">Which node's record it is: what a non-disclosure mark names.</param>
/// <param name="NonDisclosureReason">Set only for auditors, when the record is marked not to be disclosed (不開示).</param>
public sealed record DisclosedExchange(
    ChainPosition Record,
    DateOnly Date,
    RecordDirection Direction,
    string OtherInstitutionCode,
    string OtherInstitutionName,
    string InformationNameCode,
    string InformationName,
    string AffairCode,
    string AffairName,
    string LegalBasis,
    ProvisionOutcome Outcome,
    string Reason,
    string OutcomeInWords,
    string Summary,
    string? NonDisclosureReason);
