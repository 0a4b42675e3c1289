namespace Linkage.Domain.Staff;

/// <summary>
/// A certificate an administrator hands in for binding, as read by the host: whether our authority issued it (with
/// the right usage, unrevoked), and the institution it names.
/// </summary>
public sealed record PresentedCertificate(CertificateRef Certificate, string? Institution, bool IssuedByOurAuthority);
