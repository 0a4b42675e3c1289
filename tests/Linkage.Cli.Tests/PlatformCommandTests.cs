using Linkage.Domain.Codes;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Npgsql;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>platform add-institution and platform operator against a real server: private files, working logins.</summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class PlatformCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-platform-").FullName;

    [PostgresFact(Timeout = 120_000)]
    public async Task An_institution_gets_a_private_connection_string_whose_role_works_in_its_schema_alone()
    {
        var admin = Path.Combine(_folder, "admin");
        await File.WriteAllTextAsync(admin, TestStorage.AdminConnectionString);
        var output = Path.Combine(_folder, "tsukuba.connection");

        var run = await CliRun.RunAsync("platform", "add-institution", "--admin-file", admin, "--institution", Tsukuba, "--out", output);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var connection = (await File.ReadAllTextAsync(output)).Trim();
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(connection).Password!, run.Output + run.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        var schema = InstitutionSchemas.SchemaOf(InstitutionCode.Parse(Tsukuba));
        await using var session = new NpgsqlConnection(connection);
        await session.OpenAsync();
        await using var where = new NpgsqlCommand("SELECT current_user || ' ' || current_schema()", session);
        Assert.Equal($"{InstitutionSchemas.RoleOf(InstitutionCode.Parse(Tsukuba))} {schema}", await where.ExecuteScalarAsync());

        var operatorFile = Path.Combine(_folder, "operator.connection");
        var made = await CliRun.RunAsync("platform", "operator", "--admin-file", admin, "--out", operatorFile);
        Assert.True(made.ExitCode == ExitCodes.Ok, made.ToString());
        await using var operatorSession = new NpgsqlConnection((await File.ReadAllTextAsync(operatorFile)).Trim());
        await operatorSession.OpenAsync();
        await using var who = new NpgsqlCommand("SELECT current_user", operatorSession);
        Assert.Equal(InstitutionSchemas.OperatorRole, await who.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_an_administrator_connection_nothing_is_made_and_the_reason_is_given()
    {
        var output = Path.Combine(_folder, "none.connection");
        var run = await CliRun.RunAsync("platform", "add-institution", "--admin-file", Path.Combine(_folder, "missing"),
            "--institution", Tsukuba, "--out", output);
        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
