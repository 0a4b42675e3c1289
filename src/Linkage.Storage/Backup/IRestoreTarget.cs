namespace Linkage.Storage.Backup;

/// <summary>
/// One provider's fresh deployment to restore into: a SQLite file that does not exist yet
/// (<see cref="SqliteRestoreTarget"/>), or an institution's PostgreSQL schema that holds no table yet, filled and
/// checked in one transaction (<see cref="PostgresRestoreTarget"/>).
/// </summary>
public interface IRestoreTarget
{
    /// <summary>The provider whose archives this target takes ("sqlite", "postgresql").</summary>
    string Provider { get; }

    /// <summary>Refuses (<see cref="BackupRefusals.RestoreTargetExists"/>) when the target holds anything already.</summary>
    void RequireFresh();

    /// <summary>A new private folder for the archive's files, where <see cref="InstallAsync"/> can take them from.</summary>
    string OpenStaging();

    /// <summary>
    /// Checks the extracted files with the provider's own means (they already match the manifest's sizes and hashes),
    /// checks that they hold what the manifest says (institution, schema, chain heads), and puts them in place at
    /// once; on any refusal or failure nothing of them is in place.
    /// </summary>
    Task InstallAsync(string staging, BackupManifest manifest, CancellationToken ct);

    /// <summary>Removes the staging folder, and after a failure whatever the restore made for the target.</summary>
    void CloseStaging(string staging, bool installed);
}
