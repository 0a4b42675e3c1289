using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Linkage.Storage.Database;

namespace Linkage.Storage.Symbols;

/// <summary>
/// Stores a chunk of mappings in one writing transaction with prepared statements: a whole population is loaded
/// in a few hundred commits instead of one per person. The transaction holds the write lock (SQLite's IMMEDIATE, the
/// table's on PostgreSQL; see <see cref="StorageDatabase.BeginWriting"/>) from the first check to the commit, so checking "is this person or symbol mapped already?" and inserting cannot race with another
/// writer, and the unique indexes remain the last line of defence.
/// </summary>
internal static class SymbolMappingBatch
{
    private const string Existing = """
        SELECT "InternalAddressNumber", "Symbol", "RetiredAt" FROM "SymbolMappings" WHERE "InstitutionCode" = @institution AND "InternalAddressNumber" = @person
        UNION ALL
        SELECT "InternalAddressNumber", "Symbol", "RetiredAt" FROM "SymbolMappings" WHERE "InstitutionCode" = @institution AND "Symbol" = @symbol
        """;

    private const string Insert = """
        INSERT INTO "SymbolMappings" ("InstitutionCode", "InternalAddressNumber", "Symbol", "AcquiredAt", "RetiredAt")
        VALUES (@institution, @person, @symbol, @acquiredAt, NULL)
        """;

    // PostgreSQL plans the look-up of a prepared statement once per connection, from the table's statistics. A table this
    // writer is loading is never analyzed meanwhile: autovacuum gives up when it cannot take its lock, and the load holds
    // the table's write lock almost without a break. Planned on a table without statistics, the person look-up may pick
    // the symbol index, whose only condition is then the institution code that every row shares: each look-up read the
    // whole index, and 155,000 people took many minutes. So each chunk first analyzes the table when at least 1,000 rows,
    // and at least half of its rows, are new since the last analysis (a few times in a whole population's load).
    private const string Stale = """
        SELECT n_mod_since_analyze >= 1000 AND n_mod_since_analyze * 2 >= n_live_tup FROM pg_stat_user_tables
        WHERE relid = '"SymbolMappings"'::regclass
        """;

    // The same encoding EF Core uses for DateTimeOffset columns of this model (see LinkageDbContext).
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    public static async Task<IReadOnlyList<MappingOutcome>> WriteAsync(StorageDatabase database, string institution,
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = database.BeginWriting(connection, "SymbolMappings");
        if (database.Provider == StorageProvider.PostgreSql)
        {
            await using var stale = connection.Command(Stale, transaction);
            if (await stale.ExecuteScalarAsync(ct) is true) connection.Execute(transaction, """ANALYZE "SymbolMappings" """);
        }
        var outcomes = connection.CanCreateBatch
            ? await WriteBatchedAsync(connection, transaction, institution, mappings, acquiredAt, ct)
            : await WriteOneByOneAsync(connection, transaction, institution, mappings, acquiredAt, ct);
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    /// <summary>SQLite, in process: a prepared look-up and insert per mapping cost no round trip.</summary>
    private static async Task<MappingOutcome[]> WriteOneByOneAsync(DbConnection connection, DbTransaction transaction, string institution,
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        await using var find = Command(connection, transaction, Existing, out var findPerson, out var findSymbol, institution);
        await using var insert = Command(connection, transaction, Insert, out var insertPerson, out var insertSymbol, institution);
        insert.Add("acquiredAt", Time.ConvertToProvider(acquiredAt));
        find.Prepare();
        insert.Prepare();

        // Rows stored earlier in this chunk, so that duplicates within one chunk are judged like duplicates across chunks.
        var byPerson = new Dictionary<string, string>(StringComparer.Ordinal);
        var bySymbol = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new MappingOutcome[mappings.Count];
        for (var i = 0; i < mappings.Count; i++)
        {
            var (person, symbol) = (mappings[i].Person.Value, mappings[i].Symbol.Value);
            var outcome = Judge(person, symbol, byPerson, bySymbol);
            if (outcome is null)
            {
                findPerson.Value = person;
                findSymbol.Value = symbol;
                await using var reader = await find.ExecuteReaderAsync(ct);
                outcome = JudgeStored(await ReadRowsAsync(reader, ct), person, symbol);
            }
            if (outcome == MappingOutcome.Added)
            {
                insertPerson.Value = person;
                insertSymbol.Value = symbol;
                await insert.ExecuteNonQueryAsync(ct);
                byPerson[person] = symbol;
                bySymbol[symbol] = person;
            }
            outcomes[i] = outcome.Value;
        }
        return outcomes;
    }

    /// <summary>
    /// A server (PostgreSQL): every look-up of the chunk in one round trip, then every insert in one more, instead of two
    /// round trips per mapping. The look-ups all see the table as it was before the chunk, and that is what each one
    /// would have seen in turn: a mapping whose person or symbol the chunk stores earlier is judged from the chunk
    /// itself, before its look-up is asked, exactly as one by one.
    /// </summary>
    private static async Task<MappingOutcome[]> WriteBatchedAsync(DbConnection connection, DbTransaction transaction, string institution,
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        var stored = new List<(string Person, string Symbol, bool Retired)>[mappings.Count];
        await using (var finds = connection.CreateBatch())
        {
            finds.Transaction = transaction;
            foreach (var (person, symbol) in mappings)
                finds.BatchCommands.Add(BatchCommand(finds, Existing, ("institution", institution), ("person", person.Value), ("symbol", symbol.Value)));
            await using var reader = await finds.ExecuteReaderAsync(ct);
            for (var i = 0; i < mappings.Count; i++)
            {
                stored[i] = await ReadRowsAsync(reader, ct);
                await reader.NextResultAsync(ct);
            }
        }

        var byPerson = new Dictionary<string, string>(StringComparer.Ordinal);
        var bySymbol = new Dictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new MappingOutcome[mappings.Count];
        var at = Time.ConvertToProvider(acquiredAt);
        await using var inserts = connection.CreateBatch();
        inserts.Transaction = transaction;
        for (var i = 0; i < mappings.Count; i++)
        {
            var (person, symbol) = (mappings[i].Person.Value, mappings[i].Symbol.Value);
            var outcome = Judge(person, symbol, byPerson, bySymbol) ?? JudgeStored(stored[i], person, symbol);
            if (outcome == MappingOutcome.Added)
            {
                inserts.BatchCommands.Add(BatchCommand(inserts, Insert, ("institution", institution), ("person", person), ("symbol", symbol), ("acquiredAt", at)));
                byPerson[person] = symbol;
                bySymbol[symbol] = person;
            }
            outcomes[i] = outcome;
        }
        if (inserts.BatchCommands.Count > 0) await inserts.ExecuteNonQueryAsync(ct);
        return outcomes;
    }

    private static DbBatchCommand BatchCommand(DbBatch batch, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static MappingOutcome? Judge(string person, string symbol, Dictionary<string, string> byPerson, Dictionary<string, string> bySymbol)
    {
        var hasPerson = byPerson.TryGetValue(person, out var symbolOfPerson);
        var hasSymbol = bySymbol.TryGetValue(symbol, out var personOfSymbol);
        if (!hasPerson && !hasSymbol) return null;
        return symbolOfPerson == symbol && personOfSymbol == person ? MappingOutcome.AlreadyExisted : MappingOutcome.Conflict;
    }

    /// <summary>The rows of one look-up: the mapping of the person and the mapping of the symbol (the same row twice when both are this pair).</summary>
    private static async Task<List<(string Person, string Symbol, bool Retired)>> ReadRowsAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<(string, string, bool)>();
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1), !reader.IsDBNull(2)));
        return rows;
    }

    private static MappingOutcome JudgeStored(List<(string Person, string Symbol, bool Retired)> rows, string person, string symbol)
    {
        if (rows.Count == 0) return MappingOutcome.Added;
        bool same = true, retired = false;
        foreach (var row in rows)
        {
            var samePerson = row.Person == person;
            same &= samePerson && row.Symbol == symbol;
            retired |= samePerson && row.Retired;
        }
        if (retired) return MappingOutcome.Retired;
        return same ? MappingOutcome.AlreadyExisted : MappingOutcome.Conflict;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql,
        out DbParameter person, out DbParameter symbol, string institution)
    {
        var command = connection.Command(sql, transaction);
        command.Add("institution", institution);
        person = command.Add("person", "");
        symbol = command.Add("symbol", "");
        return command;
    }
}
