namespace Linkage.Crypto;

/// <summary>
/// The provider's X25519 key pair for sealing answers: made in memory, never stored, replaced every
/// <c>lifetime</c>. Each answer's key is still its own, agreed with the inquirer's one-time key from the permit,
/// with both public keys bound by HKDF and the permit and inquiry bound as associated data. Keeping the provider's
/// half for a minute instead of making one per answer saves a scalar multiplication (about 15 µs) on every provision.
/// What it gives up: whoever takes this key from the process's memory, and also holds the relayed ciphertexts (the
/// hub does), can read every answer of that minute, not only the one being sealed. Such a thief can read the copies
/// in this process's database and memory as well, so the exposure grows in time by at most a minute.
/// </summary>
public sealed class RotatingAnswerKey(TimeProvider clock, TimeSpan lifetime)
{
    private sealed record Generation(X25519KeyPair Keys, DateTimeOffset ReplaceAt);

    private volatile Generation? _current;

    public X25519KeyPair Current
    {
        get
        {
            var now = clock.GetUtcNow();
            var current = _current;
            if (current is null || now >= current.ReplaceAt || now < current.ReplaceAt - lifetime)
            {
                // Two callers racing here each make a pair and one wins; both pairs are sound, so no lock is needed.
                current = new Generation(X25519KeyPair.Generate(), now + lifetime);
                _current = current;
            }
            return current.Keys;
        }
    }
}
