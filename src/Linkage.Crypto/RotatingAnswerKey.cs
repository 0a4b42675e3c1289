namespace Linkage.Crypto;

/// <summary>
/// An X25519 key pair for answers, made in memory, never stored, replaced every <c>lifetime</c>. The provider seals
/// with one and the inquirer receives with another (see <see cref="AnswerKeys"/>); each answer's key is still its own
/// (HKDF binds both public keys, the permit and the inquiry). Keeping a pair for a minute instead of making one per
/// answer saves a scalar multiplication on each side, and a second one per answer when both sides keep theirs (the
/// agreement is remembered, see <see cref="AnswerKeyGeneration"/>).
/// What it gives up: whoever takes one of these keys from a process's memory, and also holds the relayed ciphertexts
/// (the hub does), can read that minute's answers between the two, not only the one in flight. Such a thief can read
/// the copies and the opened answers in that process as well, so the exposure grows in time by at most a minute.
/// An inquiry whose answer is held keeps its private key (encrypted at rest) until the answer arrives, as before.
/// </summary>
public sealed class RotatingAnswerKey(TimeProvider clock, TimeSpan lifetime)
{
    private sealed record Generation(AnswerKeyGeneration Keys, DateTimeOffset ReplaceAt);

    private volatile Generation? _current;

    public AnswerKeyGeneration Current
    {
        get
        {
            var now = clock.GetUtcNow();
            var current = _current;
            if (current is null || now >= current.ReplaceAt || now < current.ReplaceAt - lifetime)
            {
                // Two callers racing here each make a pair and one wins; both pairs are sound, so no lock is needed.
                current = new Generation(new AnswerKeyGeneration(X25519KeyPair.Generate()), now + lifetime);
                _current = current;
            }
            return current.Keys;
        }
    }
}
