using System.ComponentModel.DataAnnotations;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;

namespace Linkage.Gateway.Options;

/// <summary>
/// Which database server holds this institution's data. SQLite (the default) uses <c>Gateway:DatabasePath</c>;
/// PostgreSQL uses <see cref="ConnectionString"/>, which names the institution's own role and, as its Search Path,
/// the institution's own schema (see <c>linkage platform add-institution</c>).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("Storage:ConnectionString is required with Storage:Provider PostgreSql.", [nameof(ConnectionString)]);
    }

    public StorageDatabase Open(string databasePath) => Provider switch
    {
        StorageProvider.PostgreSql => new PostgresStorage(ConnectionString),
        _ when string.IsNullOrWhiteSpace(databasePath) =>
            throw new InvalidOperationException("Gateway:DatabasePath is required with Storage:Provider Sqlite (the default)."),
        _ => new SqliteStorage(databasePath),
    };
}
