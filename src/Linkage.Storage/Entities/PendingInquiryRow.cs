namespace Linkage.Storage.Entities;

/// <summary>
/// One of our inquiries that the provider held. The answer's own key is stored encrypted under the institution's key;
/// the later answer is stored as it arrived, sealed, and opened only when the back office picks it up.
/// </summary>
public sealed class PendingInquiryRow
{
    public required string InquiryId { get; set; }
    public required string InstitutionCode { get; set; }
    public required string PermitId { get; set; }
    public required string ProviderInstitution { get; set; }
    public required string Affair { get; set; }
    public required string Procedure { get; set; }
    public required string InformationName { get; set; }
    public required string LegalBasis { get; set; }
    public required string InternalAddressNumber { get; set; }
    public required string KeyId { get; set; }
    public required byte[] EncryptedAnswerKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Outcome { get; set; }
    public string Reason { get; set; } = "";
    public byte[]? AnswerEphemeralKey { get; set; }
    public byte[]? AnswerNonce { get; set; }
    public byte[]? AnswerCiphertext { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? PickedUpAt { get; set; }
}
