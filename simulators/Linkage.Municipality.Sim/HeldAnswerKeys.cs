using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linkage.Municipality.Sim;

/// <summary>What a later answer needs to be opened: the inquiry it answers, and that answer's own key.</summary>
public sealed record HeldInquiry(string InquiryId, string PermitId, string Provider, string InformationName, DateTimeOffset HeldAt, byte[] AnswerKey);

/// <summary>
/// The held inquiries of each simulated institution, one file per permit under STATE/INSTITUTION/, so that `pickup` in
/// a later run can open their answers. A gateway keeps the key encrypted in its database; the simulator keeps it in a
/// file only its user may read (0600, in folders made 0700). Each key opens one answer only.
/// </summary>
public sealed partial class HeldAnswerKeys(string folder)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Folder { get; } = Path.GetFullPath(folder);

    public void Keep(string institution, HeldInquiry held)
    {
        var path = PathOf(institution, held.PermitId) ?? throw new ArgumentException("A permit id from the hub is a plain name.", nameof(held));
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else
        {
            Directory.CreateDirectory(Folder, OwnerOnlyFolder);
            Directory.CreateDirectory(directory, OwnerOnlyFolder);
        }
        // Written beside and renamed over, so the key is never in a file that others could read, even briefly.
        var temporary = path + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        try
        {
            using (var stream = new FileStream(temporary, options)) JsonSerializer.Serialize(stream, held, Json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The held inquiry of <paramref name="permitId"/>, or null when none is kept here.</summary>
    public HeldInquiry? Find(string institution, string permitId) =>
        PathOf(institution, permitId) is { } path && File.Exists(path)
            ? JsonSerializer.Deserialize<HeldInquiry>(File.ReadAllText(path), Json)
            : null;

    public void Forget(string institution, string permitId)
    {
        if (PathOf(institution, permitId) is { } path) File.Delete(path);
    }

    /// <summary>How many held answers of <paramref name="institution"/> are still to be picked up.</summary>
    public int CountWaiting(string institution)
    {
        var directory = Path.Combine(Folder, institution);
        return Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.json").Count() : 0;
    }

    // The permit id names a file: anything but a plain name (the hub's are 32 hex digits) is never looked up.
    private string? PathOf(string institution, string permitId) =>
        PlainName().IsMatch(permitId) && PlainName().IsMatch(institution) ? Path.Combine(Folder, institution, permitId + ".json") : null;

    [GeneratedRegex("^[0-9A-Za-z_-]{1,64}$")]
    private static partial Regex PlainName();
}
