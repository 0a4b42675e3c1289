namespace Linkage.Storage.Entities;

/// <summary>
/// One data key of an institution, as stored: only wrapped by the institution's key-encryption key, which the
/// database never sees. Rows sealed under it name it by <see cref="KeyId"/>; the highest <see cref="Generation"/> seals
/// new rows, older ones stay to open what they sealed.
/// </summary>
public sealed class DataKeyRow
{
    public required string InstitutionCode { get; set; }
    public required string KeyId { get; set; }
    public int Generation { get; set; }

    /// <summary>nonce | ChaCha20-Poly1305 ciphertext of the 32-byte key | tag, bound to the institution and key id.</summary>
    public required byte[] WrappedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
