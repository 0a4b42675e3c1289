namespace Linkage.Transport;

/// <summary>Whether a peer's certificate is accepted, and if not, the first reason found (in this order).</summary>
public enum CertificateVerdict
{
    Accepted,

    /// <summary>It does not chain to our authority (or the chain is malformed).</summary>
    NotIssuedByAuthority,

    /// <summary>Outside its validity period (or the authority's), expired or not yet valid.</summary>
    Expired,

    /// <summary>It lacks the extended key usage the connection needs (clientAuth for callers, serverAuth for servers).</summary>
    WrongUsage,

    /// <summary>Its serial is on our authority's revocation list.</summary>
    Revoked,
}
