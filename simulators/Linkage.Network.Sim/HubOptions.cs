using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Sim;

public sealed class HubOptions : IValidatableObject
{
    public const string Section = "Hub";

    /// <summary>Ed25519 private key (base64 of 32 bytes) that signs permits and lists.</summary>
    [Required] public string SigningKey { get; set; } = "";
    [Required] public string SigningKeyId { get; set; } = "";

    /// <summary>The hub's secret for symbols (base64 of 32 bytes). Whoever lacks it cannot link two institutions' symbols.</summary>
    [Required] public string SymbolSecret { get; set; } = "";

    [Required, Url] public string RegistryAddress { get; set; } = "";

    /// <summary>The registry's institution code: its certificate must name it, with the network role.</summary>
    [Required, RegularExpression("^[0-9]{16}$")] public string RegistryInstitutionCode { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan PermitLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a relayed call may take in all, moving from node to node included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")] public TimeSpan RelayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How the relay moves between an institution's gateway nodes (section "Hub:Failover").</summary>
    public NodeFailoverOptions Failover { get; set; } = new();

    /// <summary>How the hub misbehaves on purpose (section "Hub:Faults"); it does not unless rates are set.</summary>
    public Faults.FaultPlanOptions Faults { get; set; } = new();

    /// <summary>
    /// The hub's SQLite file (answers waiting for members without gateway nodes, witnessed checkpoint heads); a relative
    /// path is taken from the current folder.
    /// </summary>
    [Required] public string DatabasePath { get; set; } = "hub.db";

    [MinLength(1)] public List<InstitutionOptions> Institutions { get; set; } = [];

    /// <summary>Names of the affairs (事務) by code, published in the directory.</summary>
    public Dictionary<string, string> Affairs { get; set; } = [];

    public PermittedListOptions PermittedList { get; set; } = new();

    /// <summary>
    /// What data annotations alone do not reach: the members and their nodes inside the lists, and timeouts that only
    /// make sense together.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var failure in Nested(Failover, nameof(Failover))) yield return failure;
        foreach (var failure in Nested(Faults, nameof(Faults))) yield return failure;
        if (Failover.ConnectTimeout >= RelayTimeout)
            yield return new ValidationResult("Hub:Failover:ConnectTimeout must be shorter than Hub:RelayTimeout, or no second node is ever tried.",
                [nameof(Failover)]);
        for (var i = 0; i < Institutions.Count; i++)
        {
            var member = Institutions[i];
            foreach (var failure in Nested(member, $"Institutions:{i}")) yield return failure;
            for (var n = 0; n < member.Nodes.Count; n++)
                foreach (var failure in Nested(member.Nodes[n], $"Institutions:{i}:Nodes:{n}")) yield return failure;
            if (member.Nodes.Select(node => node.Url.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count() != member.Nodes.Count)
                yield return new ValidationResult($"Institution {member.Code} lists one node twice.", [$"Institutions:{i}:Nodes"]);
        }
        if (Institutions.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count() != Institutions.Count)
            yield return new ValidationResult("An institution code is listed twice.", [nameof(Institutions)]);
    }

    private static IEnumerable<ValidationResult> Nested(object item, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{path}: {r.ErrorMessage}", r.MemberNames.Select(m => $"{path}:{m}")));
    }
}

public sealed class InstitutionOptions
{
    [Required, RegularExpression("^[0-9]{16}$")] public string Code { get; set; } = "";
    [Required] public string Name { get; set; } = "";

    /// <summary>
    /// Every gateway node that takes relayed calls for the institution; the relay spreads calls over them and moves to
    /// the next when one does not take a call. None for inquirer-only members (their answers wait in the mailbox).
    /// </summary>
    public List<GatewayNodeOptions> Nodes { get; set; } = [];

    public List<string> Classes { get; set; } = [];

    /// <summary>The gateway's Ed25519 checkpoint public key (base64 of 32 bytes) and its id; empty for members without a gateway.</summary>
    public string CheckpointKey { get; set; } = "";

    public string CheckpointKeyId { get; set; } = "";

    /// <summary>
    /// The checkpoint keys of the institution's other gateway nodes (each node seals its own chains with its own key):
    /// a checkpoint of any of the institution's chains is witnessed when one of these keys, or the one above, signed it.
    /// </summary>
    public List<CheckpointKeyOptions> CheckpointKeys { get; set; } = [];

    /// <summary>Every checkpoint key registered for the institution.</summary>
    public IEnumerable<CheckpointKeyOptions> AllCheckpointKeys =>
        (CheckpointKey.Length > 0 ? [new CheckpointKeyOptions { PublicKey = CheckpointKey, KeyId = CheckpointKeyId }] : Array.Empty<CheckpointKeyOptions>())
            .Concat(CheckpointKeys);
}

/// <summary>One gateway node's checkpoint public key (base64 of 32 bytes) and its id.</summary>
public sealed class CheckpointKeyOptions
{
    public string PublicKey { get; set; } = "";

    public string KeyId { get; set; } = "";
}

/// <summary>One gateway node of an institution.</summary>
public sealed class GatewayNodeOptions : IValidatableObject
{
    /// <summary>Where the node listens (https).</summary>
    [Required] public string Url { get; set; } = "";

    /// <summary>
    /// The institution code the node's TLS server certificate must name (with the gateway role); empty: the
    /// institution's own. A platform node serving many institutions presents the platform's certificate, so the hub is
    /// told which one to expect here, and still refuses any other.
    /// </summary>
    [RegularExpression("^([0-9]{16})?$")] public string Peer { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            yield return new ValidationResult("A node's Url must be an absolute https URL.", [nameof(Url)]);
    }
}

public sealed class PermittedListOptions
{
    public long Version { get; set; } = 1;
    public List<long> WithdrawnVersions { get; set; } = [];
    public List<PermittedEntryOptions> Entries { get; set; } = [];
}

public sealed class PermittedEntryOptions
{
    public string Inquirer { get; set; } = "";
    public string Affair { get; set; } = "";
    public string Procedure { get; set; } = "";
    public string Provider { get; set; } = "";
    public List<string> InformationNames { get; set; } = [];
    public string LegalBasis { get; set; } = "";
    public string ValidFrom { get; set; } = "2015-10-05";
    public string ValidTo { get; set; } = "";
}
