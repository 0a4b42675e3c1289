namespace Linkage.Storage.Database;

/// <summary>Which database server holds the institutions' data: chosen by configuration (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One embedded file per institution: the default, for one municipality on one machine.</summary>
    Sqlite,

    /// <summary>One schema and one role per institution on a PostgreSQL server: the shared platform.</summary>
    PostgreSql,
}
