using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Linkage.Storage.PostgreSql;

/// <summary>
/// For `dotnet ef migrations add` with this project as the startup project only; no server is contacted. The schema
/// is left out of the generated migrations: each institution's connection sets its own as the search path.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LinkageDbContext>
{
    public LinkageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LinkageDbContext>()
            .UseNpgsql("Host=design-time;Database=linkage", npgsql => npgsql.MigrationsAssembly(PostgresStorage.MigrationsAssembly))
            .Options);
}
