namespace Linkage.Domain.Answers;

/// <summary>An answer encrypted to the inquirer's key: readable by the inquirer only, not by the hub that relays it.
/// <see cref="SenderPublicKey"/> is the provider's answer key the inquirer agrees with to open it.</summary>
public sealed record SealedAnswer(byte[] SenderPublicKey, byte[] Nonce, byte[] Ciphertext);
