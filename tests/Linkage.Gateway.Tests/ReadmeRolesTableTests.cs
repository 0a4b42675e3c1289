using System.Text;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The README's roles table is printed from <see cref="RpcPermissions"/>, so the documentation cannot drift from what
/// the gateway enforces. To refresh it after changing the permissions: <c>UPDATE_README=1 dotnet test --filter ReadmeRolesTable</c>.
/// </summary>
public sealed class ReadmeRolesTableTests
{
    private const string Open = "<!-- roles-table -->";
    private const string Close = "<!-- /roles-table -->";

    private static readonly string[] Columns =
        [Roles.HealthSystem, Roles.AddressSystem, Roles.Reviewer, Roles.Administrator, Roles.Auditor, Roles.Network];

    [Fact]
    public void The_readme_shows_the_roles_table_the_gateway_enforces()
    {
        var path = Path.Combine(RepositoryRoot(), "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Open, StringComparison.Ordinal);
        var end = readme.IndexOf(Close, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md needs the markers {Open} and {Close} around the roles table.");
        var expected = Open + "\n" + Render() + Close;
        var actual = readme[start..(end + Close.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(path, readme.Replace(actual, expected, StringComparison.Ordinal));
            return;
        }
        Assert.Equal(expected, actual);
    }

    private static string Render()
    {
        var table = new StringBuilder();
        table.Append("| RPC | ").Append(string.Join(" | ", Columns)).Append(" |\n");
        table.Append("|---|").Append(string.Concat(Columns.Select(_ => ":---:|"))).Append('\n');
        foreach (var rule in RpcPermissions.Rules.Values.OrderBy(r => r.Method, StringComparer.Ordinal))
        {
            table.Append("| `").Append(rule.Method.TrimStart('/')).Append("` | ");
            table.Append(string.Join(" | ", Columns.Select(role => rule.Grant switch
            {
                RpcGrant.AnyCaller => "✓",
                RpcGrant.StaffCertificate => Roles.Staff.Contains(role) ? "certificate" : "",
                _ => rule.Roles.Contains(role) ? "✓" : "",
            })));
            table.Append(" |\n");
        }
        return table.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Linkage.sln"))) return dir.FullName;
        throw new InvalidOperationException("No Linkage.sln above the test's folder.");
    }
}
