using System.Data.Common;
using Linkage.Domain.Chains;
using Linkage.Storage.Checkpoints;
using Linkage.Storage.Database;
using Npgsql;

namespace Linkage.Storage.Backup;

/// <summary>
/// What a manifest says about a gateway's database, read from it: the institution its rows name, the last migration
/// applied, and the head of each chain (its newest entry, or the anchor a retention purge left). The SQLite backup
/// reads these from its copy, the PostgreSQL backup inside the snapshot it dumps; the SQLite restore reads them again
/// from what it is about to put in place. One reader for both servers: only the catalog they are listed in differs.
/// </summary>
public sealed record DatabaseFacts(string? InstitutionCode, string? Schema, IReadOnlyList<BackupChainHead> Chains)
{
    private const string MigrationsTable = "__EFMigrationsHistory";

    /// <param name="transaction">The transaction whose snapshot the facts must come from, if any.</param>
    public static DatabaseFacts Read(DbConnection connection, DbTransaction? transaction = null)
    {
        var sql = new Sql(connection, transaction);
        var tables = TablesOf(sql);
        foreach (var (_, table) in SealedChains.Tables)
            if (!tables.All.Contains(table))
                throw BackupRefusals.Unusable($"The database has no table {table}: it is not a gateway's database, or was never migrated.");

        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables.WithInstitution)
            foreach (var code in sql.Strings($"""SELECT DISTINCT "InstitutionCode" FROM {Quoted(table)} WHERE "InstitutionCode" IS NOT NULL"""))
                codes.Add(code);
        if (codes.Count > 1)
            throw BackupRefusals.Unusable(
                $"The database holds rows of {codes.Count} institutions ({string.Join(", ", codes)}); a gateway's database is one institution's.");
        var institution = codes.SingleOrDefault();

        var schema = tables.All.Contains(MigrationsTable)
            ? sql.Strings($"""SELECT MAX("MigrationId") FROM {Quoted(MigrationsTable)}""").SingleOrDefault()
            : null;

        var chains = new List<BackupChainHead>();
        var anchored = tables.All.Contains("ChainAnchors") ? sql.Strings("""SELECT "ChainId" FROM "ChainAnchors" """).ToList() : [];
        foreach (var (kind, table) in SealedChains.Tables)
        {
            // Every node's chain of this kind: those with entries, and those a retention purge left only an anchor of.
            var nodes = new SortedSet<string>(sql.Strings($"""SELECT DISTINCT "Node" FROM {Quoted(table)}"""), StringComparer.Ordinal);
            if (institution is null)
            {
                // A chain id is the institution's code, the node and the chain's kind; without rows naming one there is no id.
                if (nodes.Count > 0)
                    throw BackupRefusals.Unusable($"The database has entries in {table} but no row names its institution.");
                continue;
            }
            foreach (var id in anchored)
                if (ChainNames.TryParse(id, institution, out var node, out var anchoredKind) && anchoredKind == kind) nodes.Add(node);
            foreach (var node in nodes)
            {
                var chainId = ChainNames.Of(institution, node, kind);
                var head = sql.Head($"""SELECT "Sequence", "Hash" FROM {Quoted(table)} WHERE "Node" = @node ORDER BY "Sequence" DESC LIMIT 1""", node, "node")
                    ?? sql.Head("""SELECT "Sequence", "Hash" FROM "ChainAnchors" WHERE "ChainId" = @id""", chainId);
                chains.Add(head is null ? new BackupChainHead(chainId, 0, null) : head with { ChainId = chainId });
            }
        }
        return new DatabaseFacts(institution, schema, chains);
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

    /// <summary>
    /// The gateway's tables, and those with an InstitutionCode column: from sqlite_schema, or from PostgreSQL's catalog
    /// for the connection's schema (its search path), which is the one schema a dump of it holds.
    /// </summary>
    private static (HashSet<string> All, List<string> WithInstitution) TablesOf(Sql sql)
    {
        var postgres = sql.Connection is NpgsqlConnection;
        const string InSchema = "c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema()) AND c.relkind IN ('r', 'p')";
        var all = sql.Strings(postgres
            ? $"SELECT c.relname FROM pg_catalog.pg_class c WHERE {InSchema}"
            : "SELECT name FROM sqlite_schema WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
        var withInstitution = sql.Strings(postgres
            ? $"""
              SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
              WHERE {InSchema} AND a.attname = 'InstitutionCode' AND NOT a.attisdropped ORDER BY c.relname COLLATE "C"
              """
            : "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'InstitutionCode' ORDER BY m.name");
        return (all, withInstitution);
    }

    // Table names come from the catalog, not from input; quoted all the same.
    private static string Quoted(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Statements in the caller's transaction, with <c>@name</c> parameters, which both servers take.</summary>
    private sealed record Sql(DbConnection Connection, DbTransaction? Transaction)
    {
        /// <summary>The head a query of one row (sequence, hash) finds, its one parameter <paramref name="parameter"/> bound to <paramref name="value"/>.</summary>
        public BackupChainHead? Head(string sql, string value, string parameter = "id")
        {
            using var command = Connection.Command(sql, Transaction);
            command.Add(parameter, value);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new BackupChainHead("", reader.GetInt64(0), Hex.Of((byte[])reader[1])) : null;
        }

        public List<string> Strings(string sql)
        {
            using var command = Connection.Command(sql, Transaction);
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
                if (!reader.IsDBNull(0)) values.Add(reader.GetString(0));
            return values;
        }
    }
}
