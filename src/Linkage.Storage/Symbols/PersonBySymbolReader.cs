using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;

namespace Linkage.Storage.Symbols;

/// <summary>
/// The symbol look-up of every incoming inquiry, as one prepared statement rather than an EF query (see
/// <see cref="ReadPool"/>). Retired people (消除) are not found.
/// </summary>
public sealed class PersonBySymbolReader(ReadPool pool, InstitutionScope scope)
{
    private const string Sql = """
        SELECT "InternalAddressNumber" FROM "SymbolMappings"
        WHERE "InstitutionCode" = @institution AND "Symbol" = @symbol AND "RetiredAt" IS NULL
        LIMIT 1
        """;

    private readonly string _institution = scope.Code.Value;

    public Task<InternalAddressNumber?> FindAsync(Symbol symbol)
    {
        // SQLite answers synchronously; an async wrapper would only add a state machine around the same call. It takes no
        // token: once a provision has begun, it runs on to its record (a cancelled hub call must still leave one).
        using var lease = pool.Rent();
        var command = lease.Command(Sql, "institution", "symbol");
        command.Parameters[0].Value = _institution;
        command.Parameters[1].Value = symbol.Value;
        return Task.FromResult(command.ExecuteScalar() is string number ? InternalAddressNumber.Parse(number) : (InternalAddressNumber?)null);
    }
}
