using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkage.Storage.Backup;

/// <summary>
/// What a backup archive says about itself: which provider made it, of which institution, when, every file with its
/// size and SHA-256, the schema (last migration) and each chain's head (last sequence and hash) at the moment of the
/// copy. Read back strictly: anything unexpected is a damaged archive, never a guess.
/// </summary>
public sealed record BackupManifest(
    string Format,
    int FormatVersion,
    string Provider,
    string? InstitutionCode,
    DateTimeOffset CreatedAt,
    string? Schema,
    IReadOnlyList<BackupFile> Files,
    IReadOnlyList<BackupChainHead> Chains)
{
    public const string FormatName = "linkage-backup";
    public const int CurrentFormatVersion = 1;

    /// <summary>A manifest is a few hundred bytes; a size field beyond this is damage, not a manifest to read into memory.</summary>
    public const int MaximumBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions Line = new(Json) { WriteIndented = false };

    public static BackupManifest Create(string provider, string? institutionCode, DateTimeOffset createdAt, string? schema,
        IReadOnlyList<BackupFile> files, IReadOnlyList<BackupChainHead> chains) =>
        new(FormatName, CurrentFormatVersion, provider, institutionCode, createdAt, schema, files, chains);

    public byte[] ToJson() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>One line of JSON, for <c>--json</c> output.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, Line);

    /// <summary>Parses and checks every field; a manifest of another format version is unsupported, anything malformed damaged.</summary>
    public static BackupManifest Parse(ReadOnlySpan<byte> json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException error)
        {
            // The position only: the parser's message may quote the damaged text.
            throw BackupRefusals.Damaged($"The manifest is not readable JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}).");
        }
        if (manifest is null) throw BackupRefusals.Damaged("The manifest is empty.");
        manifest.Check();
        return manifest;
    }

    private void Check()
    {
        if (Format != FormatName) throw BackupRefusals.Damaged($"The manifest's format is not {FormatName}.");
        if (FormatVersion != CurrentFormatVersion)
            throw BackupRefusals.Unsupported($"The archive is of format version {FormatVersion}; this linkage reads version {CurrentFormatVersion}.");
        if (string.IsNullOrEmpty(Provider) || !Provider.All(c => char.IsAsciiLetterLower(c)))
            throw BackupRefusals.Damaged("The manifest names no provider.");
        if (InstitutionCode is not null && (InstitutionCode.Length != 16 || !InstitutionCode.All(char.IsAsciiDigit)))
            throw BackupRefusals.Damaged("The manifest's institution code is not 16 digits.");
        if (Files is null || Files.Count == 0) throw BackupRefusals.Damaged("The manifest lists no file.");
        if (Chains is null) throw BackupRefusals.Damaged("The manifest lists no chains.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            file.Check();
            if (!names.Add(file.Name)) throw BackupRefusals.Damaged($"The manifest lists {file.Name} twice.");
        }
        foreach (var chain in Chains) chain.Check();
    }
}

/// <summary>One file of the archive. Names are plain file names, so extracting one can never reach outside its folder.</summary>
public sealed record BackupFile(string Name, long Size, string Sha256)
{
    /// <summary>Kept out of the way of <c>manifest.json</c> and <c>archive.sha256</c>, which are the archive's own entries.</summary>
    public static bool IsPlainName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
        && name[0] != '.' && name is not (BackupArchiveLayout.ManifestEntry or BackupArchiveLayout.DigestEntry);

    internal void Check()
    {
        if (!IsPlainName(Name)) throw BackupRefusals.Damaged("The manifest lists a file whose name is not a plain file name.");
        if (Size < 0) throw BackupRefusals.Damaged($"The manifest gives {Name} a negative size.");
        if (!Hex.IsSha256(Sha256)) throw BackupRefusals.Damaged($"The manifest's SHA-256 of {Name} is not 64 hex digits.");
    }
}

/// <summary>A chain's newest entry when the copy was taken; <see cref="HeadHash"/> is null for a chain with no entry yet.</summary>
public sealed record BackupChainHead(string ChainId, long Sequence, string? HeadHash)
{
    internal void Check()
    {
        if (string.IsNullOrEmpty(ChainId)) throw BackupRefusals.Damaged("The manifest lists a chain without its id.");
        if (Sequence < 0 || (HeadHash is null) != (Sequence == 0) || (HeadHash is not null && !Hex.IsSha256(HeadHash)))
            throw BackupRefusals.Damaged($"The manifest's head of {ChainId} is not a sequence with its SHA-256.");
    }
}

internal static class Hex
{
    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower);

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
