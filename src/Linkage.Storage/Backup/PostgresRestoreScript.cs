using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
        foreach (var (chainId, table, expected) in ExpectedChains(manifest))
            sql.Append($"""
                    SELECT "Sequence", encode("Hash", 'hex') INTO head_sequence, head_hash FROM "{table}" ORDER BY "Sequence" DESC LIMIT 1;
                    IF NOT FOUND AND to_regclass('{schema}."ChainAnchors"') IS NOT NULL THEN
                        SELECT "Sequence", encode("Hash", 'hex') INTO head_sequence, head_hash FROM "ChainAnchors" WHERE "ChainId" = '{chainId}';
                    END IF;
                    IF coalesce(head_sequence, 0) <> {expected.Sequence.ToString(CultureInfo.InvariantCulture)} OR head_hash IS DISTINCT FROM {Literal(expected.HeadHash)} THEN
                        RAISE EXCEPTION '{CheckMarker} its chain {chainId} ends at % where the manifest says {Describe(expected)}.',
                            CASE WHEN head_hash IS NULL THEN 'no entry' ELSE head_sequence || ' (' || head_hash || ')' END;
                    END IF;

                """);
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
    public static IReadOnlyList<(string ChainId, string Table, BackupChainHead Head)> ExpectedChains(BackupManifest manifest)
    {
        if (manifest.Schema is not null && !MigrationId().IsMatch(manifest.Schema))
            throw BackupRefusals.Damaged("The manifest's last migration is not a migration's id.");
        var expected = SealedChains.Tables.Select(chain =>
        {
            var chainId = SealedChains.ChainId(manifest.InstitutionCode ?? "", chain.Name);
            var head = manifest.InstitutionCode is null ? new BackupChainHead(chainId, 0, null)
                : manifest.Chains.FirstOrDefault(c => c.ChainId == chainId)
                  ?? throw BackupRefusals.Damaged($"The manifest gives no head of chain {chainId}, which every gateway of {manifest.InstitutionCode} keeps.");
            return (chainId, chain.Table, head);
        }).ToList();
        if (manifest.Chains.Any(c => expected.All(e => e.chainId != c.ChainId)))
            throw BackupRefusals.Damaged("The manifest lists a chain that a gateway's database does not keep.");
        return expected;
    }

    private static string Describe(BackupChainHead head) => head.HeadHash is null ? "no entry" : $"{head.Sequence} ({head.HeadHash})";

    // Institution codes are 16 digits, hashes hex, migration ids checked above: nothing here needs escaping but quotes.
    private static string Literal(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,150}$")]
    private static partial Regex MigrationId();
}
