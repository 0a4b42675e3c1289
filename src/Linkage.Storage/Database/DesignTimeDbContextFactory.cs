using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Linkage.Storage.Database;

/// <summary>For `dotnet ef migrations add` only; the gateway builds its context from configuration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LinkageDbContext>
{
    public LinkageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LinkageDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
