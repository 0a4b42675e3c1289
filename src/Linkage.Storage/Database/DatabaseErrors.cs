using Microsoft.Data.Sqlite;
using Npgsql;

namespace Linkage.Storage.Database;

/// <summary>What a provider's exception means, for the few places that turn one into a domain answer.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const string PostgresIntegrityConstraintClass = "23";

    /// <summary>A constraint (a unique index or key, mostly: someone else stored the same thing first) refused the write.</summary>
    public static bool IsConstraintViolation(Exception error) => (error.InnerException ?? error) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState.StartsWith(PostgresIntegrityConstraintClass, StringComparison.Ordinal),
        _ => false,
    };
}
