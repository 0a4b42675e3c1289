using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Microsoft.Data.Sqlite;

namespace Linkage.Network.Sim;

/// <summary>
/// Later answers for inquirer-only members, which have no gateway node to relay them to: kept by permit id until their
/// institution collects and acknowledges them. The hub acknowledges the provider once an answer is kept, so the
/// mailbox is a SQLite file written durably; it holds the answer as relayed (sealed to the inquirer, unreadable here).
/// An acknowledged answer leaves its permit id behind for a while, so a resend after pick-up is not kept again.
/// </summary>
public sealed class AnswerMailbox(HubDatabase database, TimeProvider clock)
{
    public const int DefaultBatch = 100;
    public const int MaxBatch = 1_000;

    // Longer than any provider's outbox goes on resending one answer.
    private static readonly TimeSpan RememberCollected = TimeSpan.FromDays(30);

    /// <returns>False when an answer to this permit was kept before (waiting or collected): the resend changes nothing.</returns>
    public Task<bool> KeepAsync(string inquirer, string permitId, DeliveredAnswer answer, CancellationToken ct) => database.UseAsync(async connection =>
    {
        await using var insert = Command(connection, """
            INSERT INTO mailbox (permit_id, inquirer, kept_at, answer) VALUES ($permit, $inquirer, $now, $answer)
            ON CONFLICT (permit_id) DO NOTHING
            """, ("$permit", permitId), ("$inquirer", inquirer), ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds()),
            ("$answer", answer.ToByteArray()));
        return await insert.ExecuteNonQueryAsync(ct) == 1;
    }, ct);

    /// <summary>Removes the acknowledged answers of <paramref name="inquirer"/> (never another's), then returns its oldest waiting ones.</summary>
    public Task<(IReadOnlyList<DeliveredAnswer> Answers, bool More)> CollectAsync(string inquirer, IReadOnlyCollection<string> acknowledged,
        int max, CancellationToken ct) => database.UseAsync<(IReadOnlyList<DeliveredAnswer>, bool)>(async connection =>
    {
        var now = clock.GetUtcNow();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            foreach (var permitId in acknowledged.Distinct(StringComparer.Ordinal))
            {
                await using var collect = Command(connection, """
                    UPDATE mailbox SET answer = NULL, collected_at = $now
                    WHERE permit_id = $permit AND inquirer = $inquirer AND answer IS NOT NULL
                    """, ("$permit", permitId), ("$inquirer", inquirer), ("$now", now.ToUnixTimeMilliseconds()));
                collect.Transaction = transaction;
                await collect.ExecuteNonQueryAsync(ct);
            }
            await using var forget = Command(connection, "DELETE FROM mailbox WHERE collected_at < $before",
                ("$before", (now - RememberCollected).ToUnixTimeMilliseconds()));
            forget.Transaction = transaction;
            await forget.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await using var select = Command(connection, """
            SELECT answer FROM mailbox WHERE inquirer = $inquirer AND answer IS NOT NULL ORDER BY rowid LIMIT $limit
            """, ("$inquirer", inquirer), ("$limit", max + 1));
        var answers = new List<DeliveredAnswer>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) answers.Add(DeliveredAnswer.Parser.ParseFrom((byte[])reader[0]));
        var more = answers.Count > max;
        if (more) answers.RemoveAt(max);
        return (answers, more);
    }, ct);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        HubDatabase.Command(connection, sql, parameters);
}
