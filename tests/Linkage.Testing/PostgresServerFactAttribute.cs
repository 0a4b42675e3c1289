using Xunit;

namespace Linkage.Testing;

/// <summary>
/// A test that starts PostgreSQL servers of its own (<see cref="PostgresStandbyPair"/>): it needs Debian's server
/// programs, and is reported skipped with how to install them where they are missing, never passed. Give it the trait
/// of <see cref="PostgresFactAttribute"/> too, so that it runs in <c>make test-pg</c> and not in <c>make test</c>.
/// </summary>
public sealed class PostgresServerFactAttribute : FactAttribute
{
    public PostgresServerFactAttribute()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            && Directory.GetDirectories("/usr/lib/postgresql").Any(version => File.Exists(Path.Combine(version, "bin", "initdb")));
        if (!installed)
            Skip = "Needs PostgreSQL's server programs to start a primary and a standby of its own: apt-get install -y postgresql.";
    }
}
