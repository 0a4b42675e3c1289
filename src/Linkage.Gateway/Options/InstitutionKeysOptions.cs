using System.ComponentModel.DataAnnotations;
using Linkage.Crypto;
using Linkage.Domain.Codes;

namespace Linkage.Gateway.Options;

/// <summary>
/// Where this node finds the key-encryption keys that institutions hand it (section "InstitutionKeys"): one key file,
/// or a directory of them. The keys themselves are never in configuration nor in the database. Neither set, or no file
/// for an institution: the node serves that institution without its data at rest (INSTITUTION_KEY_UNAVAILABLE).
/// Checked on start: a named file or directory that is missing, a key file open to others, or not a key, stops it.
/// </summary>
public sealed class InstitutionKeysOptions : IValidatableObject
{
    public const string Section = "InstitutionKeys";

    /// <summary>The key file of the node's institution (<c>Gateway:InstitutionCode</c>): base64 of 32 bytes, mode 0600.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A directory of key files named <c>INSTITUTION_CODE.kek</c>, for a node that serves many institutions.</summary>
    public string? Directory { get; set; }

    /// <summary>The file of the institution's key on this node; null where it has none.</summary>
    public string? KeyFileOf(InstitutionCode institution)
    {
        if (!string.IsNullOrEmpty(KeyFile)) return KeyFile;
        if (string.IsNullOrEmpty(Directory)) return null;
        var path = Path.Combine(Directory, institution.Value + KeyEncryptionKey.FileExtension);
        return File.Exists(path) ? path : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(KeyFile) && !string.IsNullOrEmpty(Directory))
        {
            yield return new ValidationResult("InstitutionKeys:KeyFile and InstitutionKeys:Directory exclude each other; name one.",
                [nameof(KeyFile), nameof(Directory)]);
            yield break;
        }
        IEnumerable<string> files = [];
        if (!string.IsNullOrEmpty(KeyFile))
        {
            if (!File.Exists(KeyFile))
            {
                yield return new ValidationResult($"The key-encryption key file {KeyFile} (InstitutionKeys:KeyFile) does not exist.", [nameof(KeyFile)]);
                yield break;
            }
            files = [KeyFile];
        }
        else if (!string.IsNullOrEmpty(Directory))
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                yield return new ValidationResult($"The key directory {Directory} (InstitutionKeys:Directory) does not exist.", [nameof(Directory)]);
                yield break;
            }
            files = System.IO.Directory.EnumerateFiles(Directory, "*" + KeyEncryptionKey.FileExtension);
        }
        foreach (var file in files)
            if (Problem(file) is { } problem) yield return new ValidationResult(problem, [nameof(KeyFile)]);
    }

    private string? Problem(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        if (string.IsNullOrEmpty(KeyFile) && (name.Length != 16 || !name.All(char.IsAsciiDigit)))
            return $"The key file {file} is not named after an institution code (16 digits, then {KeyEncryptionKey.FileExtension}).";
        try
        {
            KeyEncryptionKey.ReadFile(file);
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }
}
