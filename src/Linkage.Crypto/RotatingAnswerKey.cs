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
/// No such key is ever stored: an answer that is held gets its own key, derived by both sides when it is held
/// (<see cref="AnswerEnvelope.AnswerKey(AnswerKeyGeneration, byte[], byte[])"/>), and only that key is kept (inquiries
/// held before this existed keep their private key, as they did then).
/// </summary>
public sealed class RotatingAnswerKey(TimeProvider clock, TimeSpan lifetime)
{
    private sealed record Generation(AnswerKeyGeneration Keys, DateTimeOffset ReplaceAt);

    private Generation? _current;

    public AnswerKeyGeneration Current
    {
        get
        {
            var now = clock.GetUtcNow();
            var current = Volatile.Read(ref _current);
            if (current is null || now >= current.ReplaceAt || now < current.ReplaceAt - lifetime)
            {
                // Callers racing here each make a pair, but all use the one that was installed first, so that its
                // remembered agreements are shared.
                var made = new Generation(new AnswerKeyGeneration(X25519KeyPair.Generate()), now + lifetime);
                var installed = Interlocked.CompareExchange(ref _current, made, current);
                current = ReferenceEquals(installed, current) ? made : installed!;
            }
            return current.Keys;
        }
    }
}
