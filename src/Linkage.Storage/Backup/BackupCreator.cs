using System.Security.Cryptography;

namespace Linkage.Storage.Backup;

/// <summary>
/// <c>linkage backup</c>: a copy from the provider, its manifest, and the archive written to a private file beside
/// the destination and renamed to it when complete, so that the destination is either absent or a whole archive.
/// </summary>
public static class BackupCreator
{
    public static async Task<BackupManifest> CreateAsync(IBackupSource source, string archivePath, TimeProvider clock, CancellationToken ct)
    {
        var destination = Path.GetFullPath(archivePath);
        if (File.Exists(destination) || Directory.Exists(destination)) throw BackupRefusals.Exists(archivePath);
        var folder = Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No folder {folder} to write the archive into.");

        var work = PrivateFiles.CreateFolderBeside(destination, "backup");
        try
        {
            // When the copy began: every write acknowledged before this moment is in it.
            var createdAt = clock.GetUtcNow();
            var snapshot = await source.TakeAsync(work, ct);
            var files = new List<BackupFile>();
            foreach (var path in snapshot.Files)
                files.Add(new BackupFile(Path.GetFileName(path), new FileInfo(path).Length, await Sha256Async(path, ct)));
            var manifest = BackupManifest.Create(source.Provider, snapshot.InstitutionCode, createdAt, snapshot.Schema, files, snapshot.Chains);

            var temporary = Path.Combine(work, "archive.tmp");
            await using (var output = PrivateFiles.Create(temporary))
            {
                await BackupArchiveWriter.WriteAsync(output, manifest, snapshot.Files, ct);
                output.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, destination, overwrite: false);
            }
            catch (IOException) when (File.Exists(destination))
            {
                throw BackupRefusals.Exists(archivePath);
            }
            return manifest;
        }
        finally
        {
            PrivateFiles.DeleteFolder(work);
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Hex.Of(await SHA256.HashDataAsync(input, ct));
    }
}
