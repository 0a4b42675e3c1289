using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Linkage.Gateway.Tests.PostgreSql;

/// <summary>
/// The isolation the platform promises is PostgreSQL's, not our code's: an institution's role cannot read, write or
/// even name another institution's schema, nor create anything outside its own; the operator's role reads every
/// schema and writes none.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class InstitutionSchemaIsolationTests
{
    private const string Hitachinaka = TestNetwork.Hitachinaka;
    private const string Mito = TestNetwork.Mito;

    private readonly string _place = Path.Combine(Path.GetTempPath(), "linkage-isolation-" + Guid.NewGuid().ToString("N"));

    private async Task<string> MigratedAsync(string institution)
    {
        var connection = TestStorage.InstitutionConnectionString(_place, institution);
        using var storage = new PostgresStorage(connection);
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        storage.ConfigureContext(options);
        await using var db = new LinkageDbContext(options.Options);
        await storage.MigrateAsync(db, CancellationToken.None);
        return connection;
    }

    private static async Task<PostgresException> RefusedAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task An_institutions_role_can_neither_read_nor_write_nor_name_another_institutions_schema()
    {
        var hitachinaka = await MigratedAsync(Hitachinaka);
        await MigratedAsync(Mito);
        var mitoSchema = InstitutionSchemas.SchemaOf(InstitutionCode.Parse(Mito));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(hitachinaka, $"""SELECT count(*) FROM {mitoSchema}."Copies" """)).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege,
            (await RefusedAsync(hitachinaka, $"""DELETE FROM {mitoSchema}."ProvisionRecords" """)).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(hitachinaka, $"CREATE TABLE {mitoSchema}.planted (i int)")).SqlState);
        // Pointing the search path at it finds nothing: a schema without USAGE is skipped, not read.
        Assert.Equal(PostgresErrorCodes.UndefinedTable,
            (await RefusedAsync(hitachinaka, $"""SET search_path = {mitoSchema}; SELECT count(*) FROM "Copies" """)).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(hitachinaka, "CREATE TABLE public.planted (i int)")).SqlState);
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task Its_own_schema_is_its_search_path_and_the_operator_reads_every_schema_but_writes_none()
    {
        var hitachinaka = await MigratedAsync(Hitachinaka);
        await MigratedAsync(Mito);
        await using (var own = new NpgsqlConnection(hitachinaka))
        {
            await own.OpenAsync();
            await using var count = new NpgsqlCommand("""SELECT count(*) FROM "Copies" """, own);
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        var operatorRole = TestStorage.OperatorConnectionString(new NpgsqlConnectionStringBuilder(hitachinaka).Database!);
        await using (var reader = new NpgsqlConnection(operatorRole))
        {
            await reader.OpenAsync();
            foreach (var institution in new[] { Hitachinaka, Mito })
            {
                await using var read = new NpgsqlCommand(
                    $"""SELECT count(*) FROM {InstitutionSchemas.SchemaOf(InstitutionCode.Parse(institution))}."ProvisionRecords" """, reader);
                Assert.Equal(0L, await read.ExecuteScalarAsync());
            }
        }
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await RefusedAsync(operatorRole,
            $"""DELETE FROM {InstitutionSchemas.SchemaOf(InstitutionCode.Parse(Mito))}."ProvisionRecords" """)).SqlState);
    }
}
