using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Sim;

public sealed class HubOptions
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

    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")] public TimeSpan RelayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The hub's SQLite file (answers waiting for members without an endpoint, witnessed checkpoint heads); a relative
    /// path is taken from the current folder.
    /// </summary>
    [Required] public string DatabasePath { get; set; } = "hub.db";

    [MinLength(1)] public List<InstitutionOptions> Institutions { get; set; } = [];

    /// <summary>Names of the affairs (事務) by code, published in the directory.</summary>
    public Dictionary<string, string> Affairs { get; set; } = [];

    public PermittedListOptions PermittedList { get; set; } = new();
}

public sealed class InstitutionOptions
{
    [Required, RegularExpression("^[0-9]{16}$")] public string Code { get; set; } = "";
    [Required] public string Name { get; set; } = "";

    /// <summary>Where the institution's gateway listens for relayed inquiries; empty for inquirer-only members.</summary>
    public string Endpoint { get; set; } = "";

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
