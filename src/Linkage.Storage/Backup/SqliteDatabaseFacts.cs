using Linkage.Storage.Checkpoints;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Backup;

/// <summary>
/// What a manifest says about a gateway's SQLite database, read from the file: the institution its rows name, the
/// last migration applied, and the head of each chain (its newest entry, or the anchor a retention purge left).
/// The backup reads these from its copy; the restore reads them again from what it is about to put in place.
/// </summary>
public sealed record SqliteDatabaseFacts(string? InstitutionCode, string? Schema, IReadOnlyList<BackupChainHead> Chains)
{
    private const string MigrationsTable = "__EFMigrationsHistory";

    public static SqliteDatabaseFacts Read(SqliteConnection connection)
    {
        var tables = TablesWith(connection);
        foreach (var (_, table) in SealedChains.Tables)
            if (!tables.All.Contains(table))
                throw BackupRefusals.Unusable($"The database has no table {table}: it is not a gateway's database, or was never migrated.");

        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables.WithInstitution)
            foreach (var code in Strings(connection, $"SELECT DISTINCT InstitutionCode FROM {Quoted(table)} WHERE InstitutionCode IS NOT NULL"))
                codes.Add(code);
        if (codes.Count > 1)
            throw BackupRefusals.Unusable(
                $"The database holds rows of {codes.Count} institutions ({string.Join(", ", codes)}); a gateway's database is one institution's.");
        var institution = codes.SingleOrDefault();

        var schema = tables.All.Contains(MigrationsTable)
            ? Strings(connection, $"SELECT MAX(MigrationId) FROM {Quoted(MigrationsTable)}").SingleOrDefault()
            : null;

        var chains = new List<BackupChainHead>();
        foreach (var (name, table) in SealedChains.Tables)
        {
            var chainId = SealedChains.ChainId(institution ?? "", name);
            var head = Head(connection, $"SELECT Sequence, Hash FROM {Quoted(table)} ORDER BY Sequence DESC LIMIT 1", null)
                ?? (tables.All.Contains("ChainAnchors") ? Head(connection, "SELECT Sequence, Hash FROM ChainAnchors WHERE ChainId = $id", chainId) : null);
            if (institution is null)
            {
                // A chain id is the institution's code and the chain's name; without rows naming one there is no id.
                if (head is not null)
                    throw BackupRefusals.Unusable($"The database has entries in {table} but no row names its institution.");
                continue;
            }
            chains.Add(head is null ? new BackupChainHead(chainId, 0, null) : head with { ChainId = chainId });
        }
        return new SqliteDatabaseFacts(institution, schema, chains);
    }

    /// <summary>The first difference between these facts and a manifest's, in words; null when they agree.</summary>
    public string? DifferenceFrom(BackupManifest manifest)
    {
        if (InstitutionCode != manifest.InstitutionCode)
            return $"its rows name institution {InstitutionCode ?? "(none)"} where the manifest says {manifest.InstitutionCode ?? "(none)"}.";
        if (Schema != manifest.Schema)
            return $"its last migration is {Schema ?? "(none)"} where the manifest says {manifest.Schema ?? "(none)"}.";
        foreach (var chain in manifest.Chains.Concat(Chains).Select(c => c.ChainId).Distinct(StringComparer.Ordinal))
        {
            var here = Chains.FirstOrDefault(c => c.ChainId == chain);
            var there = manifest.Chains.FirstOrDefault(c => c.ChainId == chain);
            if (here != there)
                return $"its chain {chain} ends at {Describe(here)} where the manifest says {Describe(there)}.";
        }
        return null;
    }

    private static string Describe(BackupChainHead? head) =>
        head is null ? "(no such chain)" : head.HeadHash is null ? "no entry" : $"{head.Sequence} ({head.HeadHash})";

    private static (HashSet<string> All, List<string> WithInstitution) TablesWith(SqliteConnection connection)
    {
        var all = Strings(connection, "SELECT name FROM sqlite_schema WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
        var withInstitution = Strings(connection,
            "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'InstitutionCode' ORDER BY m.name");
        return (all, withInstitution);
    }

    private static BackupChainHead? Head(SqliteConnection connection, string sql, string? chainId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (chainId is not null) command.Parameters.AddWithValue("$id", chainId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new BackupChainHead(chainId ?? "", reader.GetInt64(0), Hex.Of((byte[])reader[1])) : null;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            if (!reader.IsDBNull(0)) values.Add(reader.GetString(0));
        return values;
    }

    // Table names come from sqlite_schema, not from input; quoted all the same.
    private static string Quoted(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
