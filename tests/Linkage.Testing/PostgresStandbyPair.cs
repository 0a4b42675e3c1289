using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Linkage.Testing;

/// <summary>
/// A PostgreSQL primary and its synchronous standby of a test's own, from scripts/pg-local.sh (start, then standby):
/// a commit the primary acknowledges is on the standby's disk. The test can SIGKILL the primary's postmaster and
/// promote the standby; both clusters are removed on disposal. Needs Debian's server programs (see
/// <see cref="PostgresServerFactAttribute"/>), not the cluster of <c>make test-pg</c>.
/// </summary>
public sealed partial class PostgresStandbyPair : IDisposable
{
    private readonly string _primaryDirectory;
    private readonly string _standbyDirectory;

    private PostgresStandbyPair(string primaryDirectory, string primaryConnection, string standbyDirectory, int standbyPort)
    {
        _primaryDirectory = primaryDirectory;
        _standbyDirectory = standbyDirectory;
        var primary = new NpgsqlConnectionStringBuilder(primaryConnection);
        PrimaryPort = primary.Port;
        StandbyPort = standbyPort;
        // Both servers in one list, as the platform's nodes are given them: Npgsql finds which one is the primary.
        AdminConnectionString = new NpgsqlConnectionStringBuilder(primaryConnection)
        {
            Host = $"127.0.0.1:{PrimaryPort},127.0.0.1:{StandbyPort}",
            TargetSessionAttributes = "primary",
        }.ConnectionString;
    }

    public int PrimaryPort { get; }
    public int StandbyPort { get; }

    /// <summary>The superuser's connection to whichever of the two is the primary.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Starts a primary and a synchronous standby of it; on failure, removes what was made.</summary>
    public static PostgresStandbyPair Start()
    {
        var primary = Exports(Script("start"));
        try
        {
            var standby = Exports(Script("standby", primary["LINKAGE_PG_DIR"]));
            return new PostgresStandbyPair(primary["LINKAGE_PG_DIR"], primary["LINKAGE_POSTGRES"], standby["LINKAGE_PG_STANDBY_DIR"],
                int.Parse(standby["LINKAGE_PG_STANDBY_PORT"], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            Script("stop", primary["LINKAGE_PG_DIR"]);
            throw;
        }
    }

    /// <summary>SIGKILL to the primary's postmaster; returns once it is gone.</summary>
    public void KillPrimary() => Script("kill", _primaryDirectory);

    /// <summary>Promotes the standby; returns once it takes writes.</summary>
    public void PromoteStandby() => Script("promote", _standbyDirectory);

    public void Dispose()
    {
        Script("stop", _standbyDirectory);
        Script("stop", _primaryDirectory);
    }

    private static Dictionary<string, string> Exports(string output) =>
        ExportLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static string Script(params string[] arguments)
    {
        var start = new ProcessStartInfo(ScriptPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg-local.sh {arguments[0]} exited with {process.ExitCode}: {errors.Result}");
        return output;
    }

    private static string ScriptPath
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "scripts", "pg-local.sh")))
                    return Path.Combine(folder.FullName, "scripts", "pg-local.sh");
            throw new InvalidOperationException("No scripts/pg-local.sh above the test's folder.");
        }
    }

    [GeneratedRegex("export (\\w+)='([^']*)'")]
    private static partial Regex ExportLine();
}
