namespace Linkage.Domain.Provision;

/// <summary>An answer encrypted to the inquirer's key: readable by the inquirer only, not by the hub that relays it.</summary>
public sealed record SealedAnswer(byte[] EphemeralPublicKey, byte[] Nonce, byte[] Ciphertext);
