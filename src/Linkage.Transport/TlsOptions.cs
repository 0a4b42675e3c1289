using System.ComponentModel.DataAnnotations;

namespace Linkage.Transport;

/// <summary>PEM files of this process's certificate and key, of the one authority it trusts, and of that authority's revocation list.</summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    [Required] public string AuthorityCertificate { get; set; } = "";
    [Required] public string Certificate { get; set; } = "";
    [Required] public string PrivateKey { get; set; } = "";

    /// <summary>The authority's CRL (PEM). Every host has one; it is reloaded when the file changes.</summary>
    [Required] public string RevocationList { get; set; } = "";
}
