namespace Linkage.Transport.Tests;

/// <summary>The check of a peer's certificate for a usage: our authority, valid now, the usage, not revoked — with the first reason it fails.</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private readonly Pki _pki = new();

    [Fact]
    public void A_client_certificate_of_our_authority_is_accepted_as_a_client_and_not_as_a_server()
    {
        using var list = _pki.LoadList();
        var trust = new CertificateTrust(_pki.Authority.Certificate, list);
        using var client = _pki.Client();
        Assert.Equal(CertificateVerdict.Accepted, trust.Verify(client, CertificateUsage.Client));
        Assert.Equal(CertificateVerdict.WrongUsage, trust.Verify(client, CertificateUsage.Server));
        using var server = _pki.Server();
        Assert.Equal(CertificateVerdict.Accepted, trust.Verify(server, CertificateUsage.Server));
        Assert.Equal(CertificateVerdict.Accepted, trust.Verify(server, CertificateUsage.Client));
    }

    [Fact]
    public void A_certificate_of_another_authority_is_not_issued_by_ours()
    {
        using var other = new Pki("Someone Else's CA");
        using var foreign = other.Client();
        var trust = new CertificateTrust(_pki.Authority.Certificate);
        Assert.Equal(CertificateVerdict.NotIssuedByAuthority, trust.Verify(foreign, CertificateUsage.Client));
        Assert.False(trust.IsIssuedByAuthority(foreign));
    }

    [Fact]
    public void A_certificate_signed_with_another_key_under_our_authoritys_name_is_not_ours()
    {
        using var other = new Pki("Transport Test CA");
        using var lookalike = other.Client();
        Assert.Equal(CertificateVerdict.NotIssuedByAuthority, new CertificateTrust(_pki.Authority.Certificate).Verify(lookalike, CertificateUsage.Client));
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_refused_as_expired()
    {
        var trust = new CertificateTrust(_pki.Authority.Certificate);
        var now = DateTimeOffset.UtcNow;
        using var expired = _pki.Custom(Pki.Staff, [CertificateUsages.ClientAuthOid], notBefore: now.AddMinutes(-4), notAfter: now.AddMinutes(-1));
        using var early = _pki.Custom(Pki.Staff, [CertificateUsages.ClientAuthOid], notBefore: now.AddDays(1), notAfter: now.AddDays(30));
        Assert.Equal(CertificateVerdict.Expired, trust.Verify(expired, CertificateUsage.Client));
        Assert.Equal(CertificateVerdict.Expired, trust.Verify(early, CertificateUsage.Client));
        Assert.False(trust.IsIssuedByAuthority(expired));
    }

    [Fact]
    public void A_revoked_certificate_is_refused_as_revoked()
    {
        using var client = _pki.Client();
        _pki.Revoke(client);
        using var list = _pki.LoadList();
        var trust = new CertificateTrust(_pki.Authority.Certificate, list);
        Assert.Equal(CertificateVerdict.Revoked, trust.Verify(client, CertificateUsage.Client));
        Assert.True(trust.IsRevoked(client));
        Assert.True(trust.IsIssuedByAuthority(client));
    }

    public void Dispose() => _pki.Dispose();
}
