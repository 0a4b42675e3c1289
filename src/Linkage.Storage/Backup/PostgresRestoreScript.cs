using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Linkage.Domain.Chains;
using Linkage.Storage.Checkpoints;

namespace Linkage.Storage.Backup;

/// <summary>
/// What psql runs around pg_restore's SQL, so that the restore and its check are one transaction: BEGIN and a check that
/// the schema is still empty before it; after it, the same facts <see cref="DatabaseFacts"/> reads (institution, last
/// migration, chain heads) compared with the manifest's in a DO block that raises at the first difference, then
/// COMMIT. An error anywhere stops psql (ON_ERROR_STOP) before the COMMIT, and the server rolls everything back.
/// While pg_restore's SQL runs, psql reports an error by its SQLSTATE alone: its message or context could quote a row.
/// </summary>
internal static partial class PostgresRestoreScript
{
    /// <summary>Begins the message of the check that the schema is empty.</summary>
    public const string FreshMarker = "linkage-fresh:";

    /// <summary>Begins the message of the check against the manifest.</summary>
    public const string CheckMarker = "linkage-check:";

    public static string Before(string schema) => $"""
        \set SHOW_CONTEXT never
        \set VERBOSITY terse
        BEGIN;
        DO $fresh$ BEGIN
            IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE relnamespace = '{schema}'::regnamespace) THEN
                RAISE EXCEPTION '{FreshMarker} schema {schema} holds tables';
            END IF;
        END $fresh$;
        \set VERBOSITY sqlstate

        """;

    /// <param name="manifest">Checked already by <see cref="ExpectedChains"/>: every value put into the SQL has a known shape.</param>
    public static string After(string schema, BackupManifest manifest)
    {
        var sql = new StringBuilder($"""

            \set VERBOSITY terse
            SET search_path = {schema};
            DO $check$
            DECLARE
                codes text[] := ARRAY[]::text[];
                table_codes text[];
                t record;
                migration text;
                head_sequence bigint;
                head_hash text;
            BEGIN
                FOR t IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
                         WHERE c.relnamespace = '{schema}'::regnamespace AND c.relkind IN ('r', 'p')
                           AND a.attname = 'InstitutionCode' AND NOT a.attisdropped
                LOOP
                    EXECUTE format('SELECT array_agg(DISTINCT "InstitutionCode") FROM %I WHERE "InstitutionCode" IS NOT NULL', t.relname) INTO table_codes;
                    codes := ARRAY(SELECT DISTINCT unnest(codes || coalesce(table_codes, ARRAY[]::text[])) ORDER BY 1);
                END LOOP;
                IF cardinality(codes) > 1 OR codes[1] IS DISTINCT FROM {Literal(manifest.InstitutionCode)} THEN
                    RAISE EXCEPTION '{CheckMarker} its rows name institution % where the manifest says {manifest.InstitutionCode ?? "(none)"}.',
                        CASE WHEN cardinality(codes) = 0 THEN '(none)' ELSE array_to_string(codes, ', ') END;
                END IF;
                IF to_regclass('{schema}."__EFMigrationsHistory"') IS NOT NULL THEN
                    SELECT max("MigrationId") INTO migration FROM "__EFMigrationsHistory";
                END IF;
                IF migration IS DISTINCT FROM {Literal(manifest.Schema)} THEN
                    RAISE EXCEPTION '{CheckMarker} its last migration is % where the manifest says {manifest.Schema ?? "(none)"}.', coalesce(migration, '(none)');
                END IF;

            """);
        foreach (var (chainId, table, node, expected) in ExpectedChains(manifest))
            sql.Append($"""
                    head_sequence := NULL;
                    head_hash := NULL;
                    SELECT "Sequence", encode("Hash", 'hex') INTO head_sequence, head_hash FROM "{table}" WHERE "Node" = {Literal(node)}
                        ORDER BY "Sequence" DESC LIMIT 1;
                    IF NOT FOUND AND to_regclass('{schema}."ChainAnchors"') IS NOT NULL THEN
                        SELECT "Sequence", encode("Hash", 'hex') INTO head_sequence, head_hash FROM "ChainAnchors" WHERE "ChainId" = '{chainId}';
                    END IF;
                    IF coalesce(head_sequence, 0) <> {expected.Sequence.ToString(CultureInfo.InvariantCulture)} OR head_hash IS DISTINCT FROM {Literal(expected.HeadHash)} THEN
                        RAISE EXCEPTION '{CheckMarker} its chain {chainId} ends at % where the manifest says {Describe(expected)}.',
                            CASE WHEN head_hash IS NULL THEN 'no entry' ELSE head_sequence || ' (' || head_hash || ')' END;
                    END IF;

                """);
        // And no chain the manifest does not name: a node's rows that were not there when the backup was taken.
        foreach (var (_, table) in SealedChains.Tables)
        {
            var named = ExpectedChains(manifest).Where(c => c.Table == table).Select(c => Literal(c.Node)).ToList();
            sql.Append($"""
                    IF EXISTS (SELECT 1 FROM "{table}" WHERE "Node" NOT IN ({(named.Count == 0 ? "NULL" : string.Join(", ", named))})) THEN
                        RAISE EXCEPTION '{CheckMarker} its table {table} holds a chain the manifest does not name.';
                    END IF;

                """);
        }
        sql.Append("""
            END $check$;
            COMMIT;

            """);
        return sql.ToString();
    }

    /// <summary>
    /// The head the manifest gives each chain a gateway keeps (none for a database whose rows name no institution);
    /// refused when the manifest names another chain, or a migration that is not a migration's id.
    /// </summary>
    public static IReadOnlyList<(string ChainId, string Table, string Node, BackupChainHead Head)> ExpectedChains(BackupManifest manifest)
    {
        if (manifest.Schema is not null && !MigrationId().IsMatch(manifest.Schema))
            throw BackupRefusals.Damaged("The manifest's last migration is not a migration's id.");
        // Each chain the manifest names must be one a gateway of its institution keeps: a node's provision records or
        // operation log. Its node and table come from its id, checked here before any of it goes into SQL.
        var expected = new List<(string ChainId, string Table, string Node, BackupChainHead Head)>();
        foreach (var chain in manifest.Chains)
        {
            if (manifest.InstitutionCode is null || !ChainNames.TryParse(chain.ChainId, manifest.InstitutionCode, out var node, out var kind))
                throw BackupRefusals.Damaged("The manifest lists a chain that a gateway's database does not keep.");
            chain.Check(); // a sequence with its SHA-256, before it goes into SQL
            expected.Add((chain.ChainId, SealedChains.Tables.Single(t => t.Kind == kind).Table, node, chain));
        }
        return expected;
    }

    private static string Describe(BackupChainHead head) => head.HeadHash is null ? "no entry" : $"{head.Sequence} ({head.HeadHash})";

    // Institution codes are 16 digits, hashes hex, migration ids checked above: nothing here needs escaping but quotes.
    private static string Literal(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,150}$")]
    private static partial Regex MigrationId();
}
