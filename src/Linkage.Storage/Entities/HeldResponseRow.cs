namespace Linkage.Storage.Entities;

/// <summary>An answer held for staff review, with the permit exactly as the hub signed it and the answer key fixed when
/// it was held (encrypted under the institution's key; emptied once the answer is decided and sealed).</summary>
public sealed class HeldResponseRow
{
    public required string PermitId { get; set; }
    public required string InquiryId { get; set; }
    public required string InquirerInstitution { get; set; }
    public required string InstitutionCode { get; set; }
    public required byte[] Permit { get; set; }
    public required byte[] Signature { get; set; }
    public required string KeyId { get; set; }
    public required string InternalAddressNumber { get; set; }
    public required string InformationName { get; set; }
    public required string HoldReason { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }

    /// <summary>A <see cref="Domain.Review.HeldState"/>.</summary>
    public int State { get; set; }
    public bool TwoPerson { get; set; }
    public string? FirstApprovedBy { get; set; }

    /// <summary>Set by the escalation job once the deadline passed undecided; cleared when the deadline is extended.</summary>
    public bool Escalated { get; set; }
    public int? DecidedOutcome { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public required byte[] AnswerSenderPublicKey { get; set; }
    public string? AnswerKeyId { get; set; }
    public byte[]? EncryptedAnswerKey { get; set; }
}
