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

    // The same encoding EF Core uses for DateTimeOffset columns of this model (see LinkageDbContext).
    private static readonly DateTimeOffsetToBinaryConverter Time = new();

    public static async Task<IReadOnlyList<MappingOutcome>> WriteAsync(StorageDatabase database, string institution,
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = database.BeginWriting(connection, "SymbolMappings");

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
                outcome = await JudgeStoredAsync(find, person, symbol, ct);
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
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    private static MappingOutcome? Judge(string person, string symbol, Dictionary<string, string> byPerson, Dictionary<string, string> bySymbol)
    {
        var hasPerson = byPerson.TryGetValue(person, out var symbolOfPerson);
        var hasSymbol = bySymbol.TryGetValue(symbol, out var personOfSymbol);
        if (!hasPerson && !hasSymbol) return null;
        return symbolOfPerson == symbol && personOfSymbol == person ? MappingOutcome.AlreadyExisted : MappingOutcome.Conflict;
    }

    private static async Task<MappingOutcome> JudgeStoredAsync(DbCommand find, string person, string symbol, CancellationToken ct)
    {
        var found = false;
        bool same = true, retired = false;
        await using var reader = await find.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found = true;
            var samePerson = reader.GetString(0) == person;
            same &= samePerson && reader.GetString(1) == symbol;
            retired |= samePerson && !reader.IsDBNull(2);
        }
        if (!found) return MappingOutcome.Added;
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
