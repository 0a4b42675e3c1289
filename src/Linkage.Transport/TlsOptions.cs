using System.ComponentModel.DataAnnotations;

namespace Linkage.Transport;

/// <summary>PEM files of this process's certificate and key, and of the one authority it trusts.</summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    [Required] public string AuthorityCertificate { get; set; } = "";
    [Required] public string Certificate { get; set; } = "";
    [Required] public string PrivateKey { get; set; } = "";
}
