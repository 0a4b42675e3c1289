namespace Linkage.Domain.Staff;

/// <summary>
/// A certificate as the registry knows it: the thumbprint (SHA-256 of the DER, hex) identifies it; issuer, serial and
/// subject are kept so that an administrator can tell which card it was.
/// </summary>
public sealed record CertificateRef(string Thumbprint, string Issuer, string SerialNumber, string Subject, DateTimeOffset NotAfter);
