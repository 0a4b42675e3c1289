using Linkage.Domain.Codes;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Symbols;

/// <summary>
/// The symbol look-up of every incoming inquiry, as one statement on a pooled connection rather than an EF query
/// (see <see cref="Copies.CurrentCopyReader"/> for why). Retired people (消除) are not found.
/// </summary>
public sealed class PersonBySymbolReader(string connectionString, InstitutionScope scope)
{
    private const string Sql = """
        SELECT InternalAddressNumber FROM SymbolMappings
        WHERE InstitutionCode = $institution AND Symbol = $symbol AND RetiredAt IS NULL
        LIMIT 1
        """;

    private readonly string _institution = scope.Code.Value;

    public async Task<InternalAddressNumber?> FindAsync(Symbol symbol, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$institution", _institution);
        command.Parameters.AddWithValue("$symbol", symbol.Value);
        return await command.ExecuteScalarAsync(ct) is string number ? InternalAddressNumber.Parse(number) : null;
    }
}
