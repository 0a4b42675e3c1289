namespace Linkage.Storage.Backup;

/// <summary>
/// One provider's way to copy a live database, online, into files: SQLite through its backup API
/// (<see cref="SqliteBackupSource"/>), PostgreSQL by <c>pg_dump</c> of one institution's schema (<see cref="PostgresBackupSource"/>).
/// </summary>
public interface IBackupSource
{
    /// <summary>The provider's name in the manifest ("sqlite", "postgresql").</summary>
    string Provider { get; }

    /// <summary>
    /// Copies the database as of one moment into new files in <paramref name="folder"/> (private, empty, removed by the
    /// caller afterwards), and reads from that copy what the manifest says about it.
    /// </summary>
    Task<BackupSnapshot> TakeAsync(string folder, CancellationToken ct);
}

/// <summary>What one copy holds: its files (paths in the folder, in archive order) and the facts read from the copy itself.</summary>
public sealed record BackupSnapshot(IReadOnlyList<string> Files, string? InstitutionCode, string? Schema, IReadOnlyList<BackupChainHead> Chains);
