using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport.Tests;

/// <summary>What the development authority puts in a certificate: the usage it is for, loopback names for servers, a bounded life.</summary>
public sealed class CertificateIssuanceTests : IDisposable
{
    private readonly Pki _pki = new();

    [Fact]
    public void A_client_certificate_carries_client_authentication_only_and_no_names()
    {
        using var certificate = _pki.Client();
        Assert.Equal([CertificateUsages.ClientAuthOid], Usages(certificate));
        Assert.Empty(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(certificate.Allows(CertificateUsage.Client));
        Assert.False(certificate.Allows(CertificateUsage.Server));
    }

    [Fact]
    public void A_server_certificate_carries_both_usages_and_the_loopback_names()
    {
        using var certificate = _pki.Server();
        Assert.Equal([CertificateUsages.ServerAuthOid, CertificateUsages.ClientAuthOid], Usages(certificate).Order(StringComparer.Ordinal));
        var names = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.True(certificate.Allows(CertificateUsage.Server | CertificateUsage.Client));
    }

    [Fact]
    public void A_certificate_lives_397_days_by_default_and_no_longer()
    {
        using var certificate = _pki.Client();
        Assert.Equal(TimeSpan.FromDays(397), certificate.NotAfter - certificate.NotBefore);
        Assert.Throws<ArgumentOutOfRangeException>(() => _pki.Authority.Issue(Pki.Staff, CertificateUsage.Client, TimeSpan.FromDays(398)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            _pki.Authority.Issue(Pki.Staff, CertificateUsage.Client, TimeSpan.FromDays(397) + TimeSpan.FromSeconds(1)));
        using var shorter = _pki.Authority.Issue(Pki.Staff, CertificateUsage.Client, TimeSpan.FromDays(30));
        Assert.Equal(TimeSpan.FromDays(30), shorter.NotAfter - shorter.NotBefore);
    }

    [Fact]
    public void A_certificate_for_no_usage_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _pki.Authority.Issue(Pki.Staff, 0));
    }

    [Fact]
    public void A_certificate_without_extended_key_usages_allows_neither()
    {
        using var certificate = _pki.Custom(Pki.Staff, []);
        Assert.False(certificate.Allows(CertificateUsage.Client));
        Assert.False(certificate.Allows(CertificateUsage.Server));
    }

    private static string[] Usages(X509Certificate2 certificate) =>
        [.. Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!)];

    public void Dispose() => _pki.Dispose();
}
