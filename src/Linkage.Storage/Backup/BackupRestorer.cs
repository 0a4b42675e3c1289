namespace Linkage.Storage.Backup;

/// <summary>
/// <c>linkage restore</c> into a fresh deployment: refused at once if the target holds anything; the archive read
/// strictly into the target's staging (<see cref="BackupArchiveReader"/>), then handed to the target to check with
/// its own means and put in place. Whatever goes wrong, the staging is removed and nothing is left at the target.
/// </summary>
public static class BackupRestorer
{
    public static async Task<BackupManifest> RestoreAsync(string archivePath, IRestoreTarget target, CancellationToken ct)
    {
        if (!File.Exists(archivePath)) throw new FileNotFoundException($"No archive at {archivePath}.", archivePath);
        target.RequireFresh();
        var staging = target.OpenStaging();
        var installed = false;
        try
        {
            var manifest = await BackupArchiveReader.ExtractAsync(archivePath, staging, ct, accept: found =>
            {
                if (found.Provider != target.Provider)
                    throw BackupRefusals.Unsupported(
                        $"The archive is a backup of a {found.Provider} database; restoring into {target.Provider} takes a {target.Provider} backup.");
            });
            await target.InstallAsync(staging, manifest, ct);
            installed = true;
            return manifest;
        }
        finally
        {
            target.CloseStaging(staging, installed);
        }
    }
}
