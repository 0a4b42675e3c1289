namespace Linkage.Domain.Inquiries;

/// <summary>
/// What the later answer to a held inquiry opens with: the answer's own key, derived when the provider held it; or,
/// for inquiries held before such keys existed, the private key named in the permit (<see cref="IsPrivateKey"/>).
/// </summary>
public sealed record HeldInquiryKey(byte[] Value, bool IsPrivateKey)
{
    public static HeldInquiryKey AnswerKey(byte[] key) => new(key, IsPrivateKey: false);
}
