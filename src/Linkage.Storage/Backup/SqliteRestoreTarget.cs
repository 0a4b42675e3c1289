using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Backup;

/// <summary>
/// A fresh gateway database file to restore into. The archive's file is staged in a private folder beside the target
/// (same file system), checked there by SQLite's own <c>PRAGMA integrity_check</c> and against the manifest, and only
/// then renamed into place: a failed restore leaves no file at the target, nor the folders it made for it.
/// </summary>
public sealed class SqliteRestoreTarget(string databasePath) : IRestoreTarget
{
    private readonly string _path = Path.GetFullPath(databasePath);
    private string? _createdFolder;

    public string Provider => SqliteBackupSource.ProviderName;

    /// <summary>A write-ahead log or journal left beside the path would be replayed into the restored file: refused as well.</summary>
    public void RequireFresh()
    {
        foreach (var path in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
            if (File.Exists(path) || Directory.Exists(path)) throw BackupRefusals.TargetExists(path);
    }

    public string OpenStaging()
    {
        var folder = Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(folder))
        {
            // Remember the outermost folder made here, to take it away again if the restore fails.
            var outermost = folder;
            while (Path.GetDirectoryName(outermost) is { } parent && !Directory.Exists(parent)) outermost = parent;
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, PrivateFiles.OwnerOnlyFolder);
            _createdFolder = outermost;
        }
        return PrivateFiles.CreateFolderBeside(_path, "restore");
    }

    public Task InstallAsync(string staging, BackupManifest manifest, CancellationToken ct)
    {
        if (manifest.Files is not [{ Name: SqliteBackupSource.DatabaseFile }])
            throw BackupRefusals.Damaged($"A SQLite backup holds the one file {SqliteBackupSource.DatabaseFile}; this manifest lists {manifest.Files.Count} other(s).");
        var staged = Path.Combine(staging, SqliteBackupSource.DatabaseFile);
        Check(staged, manifest);
        ct.ThrowIfCancellationRequested();
        try
        {
            // Not overwriting: a file that appeared at the target meanwhile stays as it is.
            File.Move(staged, _path, overwrite: false);
        }
        catch (IOException) when (File.Exists(_path))
        {
            throw BackupRefusals.TargetExists(_path);
        }
        return Task.CompletedTask;
    }

    public void CloseStaging(string staging, bool installed)
    {
        PrivateFiles.DeleteFolder(staging);
        if (installed || _createdFolder is null) return;
        // Only folders this restore made, and only while nothing else was put in them.
        for (var folder = Path.GetDirectoryName(_path)!; ; folder = Path.GetDirectoryName(folder)!)
        {
            if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any()) break;
            Directory.Delete(folder);
            if (folder == _createdFolder) break;
        }
    }

    private static void Check(string staged, BackupManifest manifest)
    {
        DatabaseFacts facts;
        try
        {
            // Read-only: the check must not change the file whose hash it was just given.
            using var connection = SqliteBackupSource.Open(staged, SqliteOpenMode.ReadOnly);
            connection.Open();
            var problems = IntegrityProblems(connection);
            if (problems.Count > 0)
                throw BackupRefusals.Damaged(
                    $"SQLite's integrity check of {SqliteBackupSource.DatabaseFile} finds {problems.Count} problem(s), the first: {problems[0]}");
            facts = DatabaseFacts.Read(connection);
        }
        catch (Domain.Errors.DomainException unusable) when (unusable.Reason == BackupRefusals.DatabaseUnusable)
        {
            throw BackupRefusals.Damaged($"{SqliteBackupSource.DatabaseFile}: {unusable.Message}");
        }
        catch (SqliteException error)
        {
            throw BackupRefusals.Damaged($"{SqliteBackupSource.DatabaseFile} is not a readable SQLite database (SQLite error {error.SqliteErrorCode}).");
        }
        if (facts.DifferenceFrom(manifest) is { } difference)
            throw BackupRefusals.Damaged($"{SqliteBackupSource.DatabaseFile} does not hold what its manifest says: {difference}");
    }

    /// <summary>SQLite's findings, which name tables, indexes and pages, never a value.</summary>
    private static List<string> IntegrityProblems(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(20);";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return lines is ["ok"] ? [] : lines;
    }
}
