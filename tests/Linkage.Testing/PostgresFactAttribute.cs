using Xunit;

namespace Linkage.Testing;

/// <summary>
/// A test that needs a PostgreSQL server: it runs under <c>make test-pg</c>, which starts a throwaway cluster and sets
/// <see cref="TestStorage.Variable"/>; anywhere else it is reported skipped with how to run it, never passed.
/// <c>make test</c> leaves these out by their trait (<see cref="Trait"/>).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Trait = "PostgreSql";

    public PostgresFactAttribute()
    {
        if (TestStorage.AdminConnectionString is null)
            Skip = $"Needs a PostgreSQL server: run `make test-pg` (after `apt-get install -y postgresql`), which sets {TestStorage.Variable}.";
    }
}
