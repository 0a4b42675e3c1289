using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Keys;

namespace Linkage.Storage.Keys;

/// <summary>
/// The institution's data keys once opened on this node, for every store that seals or opens data at rest. Until
/// opened (at start, with the institution's key-encryption key), and for good on a node without that key, asking for
/// the <see cref="Cipher"/> refuses with INSTITUTION_KEY_UNAVAILABLE, so a call is refused before it writes anything.
/// </summary>
public sealed class InstitutionDataKeys(InstitutionScope scope) : IInstitutionKeys
{
    private AtRestCipher? _cipher;

    public InstitutionCode Institution => scope.Code;

    public bool Available => Volatile.Read(ref _cipher) is not null;

    public AtRestCipher Cipher => Volatile.Read(ref _cipher) ?? throw InstitutionKeys.Unavailable(scope.Code);

    /// <summary>The data keys opened by <see cref="DataKeyRing.OpenAsync"/>; once, at start.</summary>
    public void Open(AtRestCipher cipher)
    {
        if (Interlocked.CompareExchange(ref _cipher, cipher, null) is not null)
            throw new InvalidOperationException("The institution's data keys are open already.");
    }

    /// <summary>Keys opened from the start, for a store built outside the gateway (tools, tests, benchmarks).</summary>
    public static InstitutionDataKeys Opened(InstitutionScope scope, AtRestCipher cipher)
    {
        var keys = new InstitutionDataKeys(scope);
        keys.Open(cipher);
        return keys;
    }
}
