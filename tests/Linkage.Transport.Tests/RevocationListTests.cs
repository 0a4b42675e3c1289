using System.Diagnostics;
using System.Formats.Asn1;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Linkage.Transport.Tests;

/// <summary>
/// The revocation list: only our authority's is accepted, a revocation is seen without a restart (by the watcher, or
/// by the once-a-second look), a bad replacement leaves the list in force, and the per-call lookup allocates nothing.
/// </summary>
public sealed class RevocationListTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Pki _pki = new();

    [Fact]
    public void The_first_list_is_number_one_empty_and_due_for_renewal_later()
    {
        var document = RevocationListDocument.Read(_pki.RevocationListPath, _pki.Authority.Certificate);
        Assert.Equal(BigInteger.One, document.Number);
        Assert.Empty(document.RevokedSerials);
        Assert.True(document.NextUpdate > DateTimeOffset.UtcNow.AddDays(7));
        Assert.StartsWith("-----BEGIN X509 CRL-----", File.ReadAllText(_pki.RevocationListPath));
    }

    [Fact]
    public void Revoking_adds_the_serial_with_the_next_number_and_revoking_again_changes_nothing()
    {
        using var client = _pki.Client();
        using var other = _pki.Client();
        Assert.True(_pki.Revoke(client));
        var before = File.ReadAllBytes(_pki.RevocationListPath);
        Assert.False(_pki.Revoke(client));
        Assert.Equal(before, File.ReadAllBytes(_pki.RevocationListPath));

        var document = RevocationListDocument.Read(_pki.RevocationListPath, _pki.Authority.Certificate);
        Assert.Equal(new BigInteger(2), document.Number);
        Assert.True(document.Lists(client));
        Assert.False(document.Lists(other));
        Assert.Empty(Directory.GetFiles(_pki.Folder, "*.tmp"));
    }

    [Fact]
    public void A_list_signed_by_another_authority_is_refused_at_load()
    {
        using var other = new Pki("Someone Else's CA");
        Assert.Throws<CryptographicException>(() => RevocationList.Load(other.RevocationListPath, _pki.Authority.Certificate));
    }

    [Fact]
    public void A_list_under_our_authoritys_name_signed_with_another_key_is_refused_at_load()
    {
        using var other = new Pki("Transport Test CA");
        Assert.Throws<CryptographicException>(() => RevocationList.Load(other.RevocationListPath, _pki.Authority.Certificate));
    }

    [Fact]
    public void A_list_whose_signed_part_was_altered_is_refused()
    {
        var pem = File.ReadAllText(_pki.RevocationListPath);
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var body = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadEncodedValue();
        Assert.True(MemoryMarshal.TryGetArray(body, out var signed));
        der[signed.Offset + signed.Count - 1] ^= 1; // the last byte of the signed body: the list number
        Assert.Throws<CryptographicException>(() => RevocationListDocument.Parse(der, _pki.Authority.Certificate));
        Assert.Throws<CryptographicException>(() => RevocationListDocument.ParsePem("not a list", _pki.Authority.Certificate));
    }

    [Fact]
    public async Task A_watched_list_takes_a_revocation_without_being_asked()
    {
        using var client = _pki.Client();
        using var list = _pki.LoadList(watch: true);
        Assert.False(list.Contains(client));

        _pki.Revoke(client);
        // Number does not look at the file itself: only the watcher can change it.
        await WaitUntilAsync(() => list.Number == 2);
        Assert.True(list.Contains(client));
        Assert.Equal(1, list.Count);
    }

    [Fact]
    public async Task Lists_watching_one_folder_share_a_watcher_and_each_takes_a_revocation_until_it_is_disposed()
    {
        // A platform node loads one list per institution, often the same file: one inotify instance must serve them all.
        using var client = _pki.Client();
        using var other = _pki.Client();
        using var first = _pki.LoadList(watch: true);
        var second = _pki.LoadList(watch: true);
        using var third = _pki.LoadList(watch: true);

        _pki.Revoke(client);
        await WaitUntilAsync(() => first.Number == 2 && second.Number == 2 && third.Number == 2);

        // One leaving does not stop the watcher for the others; the one that left is no longer told.
        second.Dispose();
        _pki.Revoke(other);
        await WaitUntilAsync(() => first.Number == 3 && third.Number == 3);
        Assert.Equal(2, second.Number);
    }

    [Fact]
    public async Task An_unwatched_list_takes_a_revocation_at_the_next_look_a_second_later()
    {
        using var client = _pki.Client();
        using var list = _pki.LoadList(watch: false);
        Assert.False(list.Contains(client));

        _pki.Revoke(client);
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(() => list.Contains(client));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_bad_replacement_leaves_the_list_in_force_until_a_good_one_comes()
    {
        using var client = _pki.Client();
        _pki.Revoke(client);
        using var list = _pki.LoadList(watch: true);
        using var other = new Pki("Someone Else's CA");

        File.Copy(other.RevocationListPath, _pki.RevocationListPath, overwrite: true);
        Assert.False(list.Refresh());
        File.WriteAllText(_pki.RevocationListPath, "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
        Assert.False(list.Refresh());
        Assert.True(list.Contains(client));
        Assert.Equal(2, list.Number);

        using var second = _pki.Client();
        var good = _pki.Authority.SignRevocationList(_pki.Authority.SignRevocationList(_pki.Authority.SignRevocationList(null, client)), second);
        DevCertificateAuthority.WriteAtomically(_pki.RevocationListPath, good);
        await WaitUntilAsync(() => list.Number == 3);
        Assert.True(list.Contains(client));
        Assert.True(list.Contains(second));
    }

    [Fact]
    public void An_older_list_does_not_replace_a_newer_one()
    {
        var first = File.ReadAllText(_pki.RevocationListPath);
        using var client = _pki.Client();
        _pki.Revoke(client);
        using var list = _pki.LoadList();
        DevCertificateAuthority.WriteAtomically(_pki.RevocationListPath, first);
        Assert.False(list.Refresh());
        Assert.True(list.Contains(client));
    }

    [Fact]
    public void A_certificate_of_another_authority_with_a_revoked_serial_is_not_revoked_by_our_list()
    {
        using var client = _pki.Client();
        _pki.Revoke(client);
        using var other = new Pki("Someone Else's CA");
        using var sameSerial = other.Custom(Pki.Staff, [CertificateUsages.ClientAuthOid], serial: client.SerialNumberBytes.ToArray(),
            issuer: other.Authority.Certificate);
        using var list = _pki.LoadList();
        Assert.True(list.Contains(client));
        Assert.False(list.Contains(sameSerial));
    }

    [Fact]
    public void The_per_call_lookup_allocates_nothing()
    {
        using var revoked = _pki.Client();
        using var kept = _pki.Client();
        _pki.Revoke(revoked);
        using var material = _pki.Material(_pki.Server(), watch: true);
        var trust = material.Trust;
        Assert.True(trust.IsRevoked(revoked));
        Assert.False(trust.IsRevoked(kept));

        const int Calls = 100_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        for (var i = 0; i < Calls; i++)
            if (trust.IsRevoked(i % 2 == 0 ? revoked : kept)) count++;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Calls / 2, count);
        // The look at the file once a second may allocate a little; the lookups themselves nothing.
        Assert.True(allocated < 4_096, $"{allocated} bytes for {Calls} lookups");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "not seen in time");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _pki.Dispose();
}
