using System.Data.Common;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;
using Linkage.Storage.Database;
using Npgsql;
using NpgsqlTypes;

namespace Linkage.Storage.Permits;

/// <summary>
/// The replay rule's last word: each permit a batch of records accepts is inserted into UsedPermits, whose key is the
/// permit id, in the batch's own transaction. Whichever node inserted it first wins; any other acceptance of the same
/// permit, on this node or another, comes back refused and is recorded as a replay instead. The in-memory guard in
/// front of it (<see cref="PersistentReplayGuard"/>) only spares a known replay the work of a provision.
/// </summary>
internal static class PermitClaims
{
    private const string InsertOne = """
        INSERT INTO "UsedPermits" ("PermitId", "ExpiresAtMs") VALUES (@id, @expires) ON CONFLICT DO NOTHING
        """;

    // One round trip for the whole batch on a server; the ids returned are those this transaction claimed.
    private const string InsertMany = """
        INSERT INTO "UsedPermits" ("PermitId", "ExpiresAtMs") SELECT * FROM unnest(@ids, @expires)
        ON CONFLICT DO NOTHING RETURNING "PermitId"
        """;

    public static void Claim(StorageProvider provider, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<AcceptedPermit?> permits, DomainException?[] refusals)
    {
        var claimed = provider == StorageProvider.PostgreSql
            ? ClaimOnServer((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, permits)
            : ClaimInProcess(connection, transaction, permits);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < permits.Count; i++)
            if (permits[i] is { } permit && (!claimed.Contains(permit.PermitId) || !taken.Add(permit.PermitId)))
                refusals[i] = new DomainException(ErrorKind.AlreadyExists, ErrorReasons.PermitReplayed, "This permit was already used.");
    }

    private static HashSet<string> ClaimInProcess(DbConnection connection, DbTransaction transaction, IReadOnlyList<AcceptedPermit?> permits)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        using var insert = connection.Command(InsertOne, transaction);
        var id = insert.Add("id", "");
        var expires = insert.Add("expires", 0L);
        foreach (var permit in permits)
        {
            if (permit is null) continue;
            id.Value = permit.PermitId;
            expires.Value = permit.ExpiresAt.ToUnixTimeMilliseconds();
            if (insert.ExecuteNonQuery() == 1) claimed.Add(permit.PermitId);
        }
        return claimed;
    }

    private static HashSet<string> ClaimOnServer(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AcceptedPermit?> permits)
    {
        var accepted = permits.OfType<AcceptedPermit>().ToList();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        if (accepted.Count == 0) return claimed;
        using var insert = new NpgsqlCommand(InsertMany, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = accepted.Select(p => p.PermitId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("expires", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
        {
            Value = accepted.Select(p => p.ExpiresAt.ToUnixTimeMilliseconds()).ToArray(),
        });
        using var reader = insert.ExecuteReader();
        while (reader.Read()) claimed.Add(reader.GetString(0));
        return claimed;
    }
}
