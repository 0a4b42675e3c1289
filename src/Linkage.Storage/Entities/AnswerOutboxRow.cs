namespace Linkage.Storage.Entities;

/// <summary>
/// A decided answer waiting for the hub's acknowledgement. The sealed answer is encrypted to the inquirer already, so it
/// is kept as it will be sent.
/// </summary>
public sealed class AnswerOutboxRow
{
    public required string PermitId { get; set; }
    public required string InquiryId { get; set; }
    public required byte[] Permit { get; set; }
    public required byte[] Signature { get; set; }
    public required string KeyId { get; set; }
    public int Outcome { get; set; }
    public required string Reason { get; set; }
    public byte[]? SenderPublicKey { get; set; }
    public byte[]? Nonce { get; set; }
    public byte[]? Ciphertext { get; set; }

    /// <summary>A <see cref="Domain.Review.DeliveryState"/>.</summary>
    public int State { get; set; }
    public int Attempts { get; set; }
    public required string LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
