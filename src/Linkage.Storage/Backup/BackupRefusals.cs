using Linkage.Domain.Errors;

namespace Linkage.Storage.Backup;

/// <summary>
/// The reasons a backup or restore is refused, each with a message naming what is wrong (a file, a size, a hash, a
/// chain), never a value of the database.
/// </summary>
public static class BackupRefusals
{
    /// <summary>The archive is not what its manifest and digest say: flipped, cut short, or put together wrongly.</summary>
    public const string BackupDamaged = "BACKUP_DAMAGED";

    /// <summary>A well-formed archive this linkage cannot restore (another format version or provider).</summary>
    public const string BackupUnsupported = "BACKUP_UNSUPPORTED";

    /// <summary>The archive to write exists already: a backup never replaces another.</summary>
    public const string BackupExists = "BACKUP_EXISTS";

    /// <summary>The database to restore into exists already: a restore only makes a fresh deployment.</summary>
    public const string RestoreTargetExists = "RESTORE_TARGET_EXISTS";

    /// <summary>There is no fresh deployment to restore into: no such PostgreSQL schema, or one the restoring role does not own.</summary>
    public const string RestoreTargetUnusable = "RESTORE_TARGET_UNUSABLE";

    /// <summary>The database to back up does not hold what one gateway's database holds.</summary>
    public const string DatabaseUnusable = "DATABASE_UNUSABLE";

    public static DomainException Damaged(string message) =>
        new(ErrorKind.InvalidArgument, BackupDamaged, $"The archive is damaged: {message} Nothing was restored.");

    public static DomainException Unsupported(string message) => new(ErrorKind.FailedPrecondition, BackupUnsupported, message);

    public static DomainException Exists(string path) =>
        new(ErrorKind.AlreadyExists, BackupExists, $"{path} exists; a backup never replaces another. Choose another --out.");

    public static DomainException TargetExists(string what, string remedy = "Choose another --database, or move it away first.") =>
        new(ErrorKind.AlreadyExists, RestoreTargetExists, $"{what} exists; restore makes a fresh deployment and never writes over a database. {remedy}");

    public static DomainException TargetUnusable(string message) => new(ErrorKind.FailedPrecondition, RestoreTargetUnusable, message);

    public static DomainException Unusable(string message) => new(ErrorKind.FailedPrecondition, DatabaseUnusable, message);
}
