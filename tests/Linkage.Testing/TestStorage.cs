using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Linkage.Testing;

/// <summary>
/// Where a test gateway keeps its data: a SQLite file (the default), or, when <see cref="Variable"/> holds a
/// PostgreSQL superuser's connection string (<c>make test-pg</c> sets it through scripts/pg-local.sh), the
/// institution's own schema and role in a database of its own for each SQLite path a test names, so that a restart of
/// the same gateway finds its data again and tests running side by side never share one.
/// </summary>
public static class TestStorage
{
    public const string Variable = "LINKAGE_POSTGRES";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Databases = new(StringComparer.Ordinal);

    /// <summary>The superuser connection string of the test cluster, or null when the tests run on SQLite.</summary>
    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connection ? connection : null;

    public static StorageProvider Provider => AdminConnectionString is null ? StorageProvider.Sqlite : StorageProvider.PostgreSql;

    /// <summary>The settings that place a gateway of <paramref name="institution"/> whose SQLite file would be <paramref name="sqlitePath"/>.</summary>
    /// <param name="provider">Where, when not <see cref="Provider"/> (a benchmark comparing both in one run).</param>
    public static Dictionary<string, string?> GatewaySettings(string sqlitePath, string institution, StorageProvider? provider = null) =>
        (provider ?? Provider) == StorageProvider.Sqlite
        ? new() { ["Gateway:DatabasePath"] = sqlitePath }
        : new()
        {
            ["Storage:Provider"] = nameof(StorageProvider.PostgreSql),
            ["Storage:ConnectionString"] = InstitutionConnectionString(sqlitePath, institution),
        };

    /// <summary>The same place as a <see cref="StorageDatabase"/>, for tests that use the stores without a gateway.</summary>
    public static StorageDatabase Open(string sqlitePath, string institution) => Provider == StorageProvider.Sqlite
        ? new SqliteStorage(sqlitePath)
        : new PostgresStorage(InstitutionConnectionString(sqlitePath, institution));

    /// <summary>An EF context on the gateway's data, to read what no API shows.</summary>
    public static LinkageDbContext Context(string sqlitePath, string institution)
    {
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        if (Provider == StorageProvider.Sqlite)
            options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = false }.ToString());
        else options.UseNpgsql(InstitutionConnectionString(sqlitePath, institution));
        return new LinkageDbContext(options.Options);
    }

    /// <summary>Whether a gateway has made its data there yet (its file, or any table in its schema).</summary>
    public static bool Exists(string sqlitePath, string institution)
    {
        if (Provider == StorageProvider.Sqlite) return File.Exists(sqlitePath);
        if (!Databases.ContainsKey(Path.GetFullPath(sqlitePath))) return false;
        using var connection = Connect(sqlitePath, institution);
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())";
        return (bool)tables.ExecuteScalar()!;
    }

    /// <summary>
    /// A connection to the gateway's data as its owner has it, to tamper with it or to read what no API shows (SQL
    /// with quoted identifiers and <c>@name</c> parameters runs on both providers).
    /// </summary>
    public static DbConnection Connect(string sqlitePath, string institution, StorageProvider? provider = null)
    {
        if ((provider ?? Provider) == StorageProvider.Sqlite)
        {
            var sqlite = new SqliteConnection(SqlitePragmas.ConnectionString(sqlitePath));
            sqlite.Open();
            SqlitePragmas.Apply(sqlite);
            return sqlite;
        }
        var postgres = new NpgsqlConnection(InstitutionConnectionString(sqlitePath, institution));
        postgres.Open();
        return postgres;
    }

    /// <summary>
    /// Everything the gateway stored, as bytes to search: the SQLite file and its log, or on PostgreSQL every value of
    /// every table of the institution's schema (binary values as they are, the others as text).
    /// </summary>
    public static byte[] StoredBytes(string sqlitePath, string institution)
    {
        var bytes = new MemoryStream();
        if (Provider == StorageProvider.Sqlite)
        {
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal" }.Where(File.Exists))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.CopyTo(bytes);
            }
            return bytes.ToArray();
        }
        using var connection = Connect(sqlitePath, institution);
        foreach (var table in Tables(connection))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {Quoted(table)}";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    var raw = value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    bytes.Write(raw);
                    bytes.WriteByte(0);
                }
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// Every table of the gateway's data, as the database lists them (SQLite's schema table, or PostgreSQL's catalog for
    /// the connection's schema), whatever the model says: a table a migration added unnoticed is listed too.
    /// </summary>
    public static IReadOnlyList<string> Tables(DbConnection connection)
    {
        using var list = connection.CreateCommand();
        list.CommandText = connection is SqliteConnection
            ? "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
        using var reader = list.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>A table name from the catalog, quoted for either provider.</summary>
    public static string Quoted(string table) => $"\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static string InstitutionConnectionString(string sqlitePath, string institution)
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException($"{Variable} is not set.");
        var database = Databases.GetOrAdd(Path.GetFullPath(sqlitePath), path => new Lazy<string>(() => CreateDatabase(admin, path))).Value;
        var inDatabase = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        // One password per role for every test database of the run: a role is the cluster's, not one database's.
        return InstitutionSchemas.ProvisionAsync(inDatabase, InstitutionCode.Parse(institution), PasswordOf(institution), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    private static string CreateDatabase(string admin, string path)
    {
        var name = "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path + Environment.ProcessId)))[..24];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        create.ExecuteNonQuery();
        return name;
    }

    /// <summary>The platform operator's role in the test database <paramref name="database"/>.</summary>
    public static string OperatorConnectionString(string database)
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException($"{Variable} is not set.");
        InstitutionSchemas.SetOperatorPasswordAsync(admin, PasswordOf("operator"), CancellationToken.None).GetAwaiter().GetResult();
        return InstitutionSchemas.OperatorConnectionString(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
            PasswordOf("operator"));
    }

    /// <summary>
    /// The platform operator's role on the schema of the gateway whose SQLite file would be <paramref name="sqlitePath"/>
    /// (its Search Path, as <c>linkage backup --postgres</c> takes it); the gateway must have its database already.
    /// </summary>
    public static string OperatorConnectionString(string sqlitePath, string institution)
    {
        if (!Databases.TryGetValue(Path.GetFullPath(sqlitePath), out var database))
            throw new InvalidOperationException($"No gateway has its data in the place of {sqlitePath} yet.");
        return new NpgsqlConnectionStringBuilder(OperatorConnectionString(database.Value))
        {
            SearchPath = InstitutionSchemas.SchemaOf(InstitutionCode.Parse(institution)),
        }.ConnectionString;
    }

    private static string PasswordOf(string institution) =>
        "test-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("linkage-test-role-" + institution)))[..32];
}
