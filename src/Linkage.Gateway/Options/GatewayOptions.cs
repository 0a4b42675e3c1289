using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>Who this gateway is and whom it trusts. Bound once from the "Gateway" section and validated on start.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    [Required, RegularExpression("^[0-9]{16}$")] public string InstitutionCode { get; set; } = "";

    [Required] public string InstitutionName { get; set; } = "";

    /// <summary>
    /// Which of the institution's gateway nodes this is: each node on one database writes and seals chains of its own,
    /// named by it (see <see cref="Domain.Chains.NodeName"/>). A node keeps its name for as long as its rows are kept.
    /// </summary>
    [Required, RegularExpression(Domain.Chains.NodeName.Pattern)] public string NodeId { get; set; } = Domain.Chains.NodeName.Default;

    /// <summary>The SQLite file of this institution (with <c>Storage:Provider</c> Sqlite, the default).</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>The hub's Ed25519 public key (base64 of 32 bytes): the only key whose permits and lists we accept.</summary>
    [Required] public string HubSigningKey { get; set; } = "";

    [Required] public string HubSigningKeyId { get; set; } = "";

    /// <summary>The hub's institution code: only a network-role certificate of this institution may call as the hub.</summary>
    [Required, RegularExpression("^[0-9]{16}$")] public string HubInstitutionCode { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copy batch whose stream broke and was not resent within this time is discarded with its invisible rows.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")] public TimeSpan AbandonedBatchAge { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan PermittedListRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On PostgreSQL, where other nodes of the institution share the database: how soon a change made through another
    /// node (registry, hold flags, sessions) holds on this one (see <see cref="Jobs.SharedStateRefreshJob"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")] public TimeSpan SharedStateRefresh { get; set; } = TimeSpan.FromSeconds(2);
}
