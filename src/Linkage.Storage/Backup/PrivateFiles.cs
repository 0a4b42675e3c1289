namespace Linkage.Storage.Backup;

/// <summary>
/// Files and folders only their owner can read: a backup and what is staged for it hold a whole database, names and
/// records included, even though copies' item values in it are encrypted.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>A new file, refused if the path exists, readable by its owner alone from the moment it exists.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        return new FileStream(path, options);
    }

    /// <summary>A new, hidden, owner-only folder beside <paramref name="near"/>, on its file system so a rename from it is atomic.</summary>
    public static string CreateFolderBeside(string near, string purpose)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(near))!;
        var path = Path.Combine(parent, $".{Path.GetFileName(near)}.{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyFolder);
        return path;
    }

    /// <summary>Removes a folder made by <see cref="CreateFolderBeside"/> and all in it; a folder already gone is fine.</summary>
    public static void DeleteFolder(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
