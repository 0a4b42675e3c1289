namespace Linkage.Domain.Staff;

/// <summary>
/// A staff member's session: bound to the certificate it was opened with, ended by sign-out, idleness or its absolute
/// lifetime. Only the token's hash is kept; <see cref="SessionId"/> names the session in the operation log.
/// </summary>
public sealed record StaffSession(
    string SessionId,
    byte[] TokenHash,
    string StaffId,
    string CertificateThumbprint,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt,
    SessionEnd? EndReason);

/// <summary>Why a session ended; stored, and named in the operation log.</summary>
public enum SessionEnd
{
    SignedOut = 1,
    IdleTimeout = 2,
    Expired = 3,
    Deactivated = 4,
    CertificateUnbound = 5,
    CertificateRevoked = 6,
}
