using System.Text.Json;

namespace Linkage.Cli;

/// <summary>
/// A staff session kept between commands. The token is a credential: the file is the user's alone (0600, in a folder
/// made 0700), and it names the gateway and the certificate it belongs to, so it is sent nowhere else.
/// </summary>
public sealed record StoredSession(string Gateway, string Token, string CertificateThumbprint, string StaffId, string SessionId,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Whether this session may be presented to <paramref name="gateway"/> with the certificate of <paramref name="thumbprint"/>.</summary>
    public bool BelongsTo(string gateway, string thumbprint) =>
        SessionFile.Authority(Gateway) == SessionFile.Authority(gateway)
        && string.Equals(CertificateThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase);
}

public static class SessionFile
{
    public const string EnvironmentVariable = "LINKAGE_SESSION_FILE";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>--session-file, else $LINKAGE_SESSION_FILE, else $XDG_CONFIG_HOME/linkage/sessions/HOST_PORT (~/.config without it).</summary>
    public static string PathFor(string gateway, string? given)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        return Path.Combine(DefaultFolder(), Authority(gateway).Replace(':', '_'));
    }

    public static string DefaultFolder()
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        // The XDG base directory spec says to ignore a relative value.
        if (string.IsNullOrEmpty(config) || !Path.IsPathRooted(config))
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "linkage", "sessions");
    }

    /// <summary>"host:port" of a gateway address, lower case, safe as a file name.</summary>
    public static string Authority(string gateway)
    {
        var uri = new Uri(gateway, UriKind.Absolute);
        var host = new string(uri.IdnHost.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());
        return $"{host.ToLowerInvariant()}:{uri.Port}";
    }

    /// <summary>The session stored at <paramref name="path"/>, or null when there is none.</summary>
    public static StoredSession? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<StoredSession>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"The session file {path} is not one that linkage wrote; sign in again to replace it.");
        }
    }

    public static void Write(string path, StoredSession session)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else
        {
            // Missing folders are made private; an existing folder (say /tmp) is the user's choice and left alone.
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
            if (folder == DefaultFolder()) File.SetUnixFileMode(folder, OwnerOnlyFolder);
        }
        // Written beside and renamed over, so the token is never in a file that others could read, even briefly.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        try
        {
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, session, Json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <returns>Whether there was a file to delete.</returns>
    public static bool Delete(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }
}
