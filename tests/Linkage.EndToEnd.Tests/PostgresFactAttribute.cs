using Linkage.Testing;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// A test that needs PostgreSQL: two gateway nodes share one database only there (a SQLite file has one node). Without
/// <see cref="TestStorage.Variable"/> the test is reported as skipped, with how to run it: never as passed.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Reason = "needs PostgreSQL: make test-pg (apt-get install -y postgresql)";

    public PostgresFactAttribute()
    {
        if (TestStorage.AdminConnectionString is null) Skip = Reason;
    }
}
