namespace Linkage.Domain.Answers;

/// <summary>
/// The key one held answer will be sealed with, fixed when the answer is held: the provider's answer key of that moment
/// (named to the inquirer in the held reply) and the answer's own symmetric key, which the inquirer derives on its side.
/// Both sides keep only this key, never a private key that would also open other answers.
/// </summary>
public sealed record HeldAnswerKey(byte[] SenderPublicKey, byte[] Key);
