using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Linkage.Storage.Backup;

/// <summary>
/// PostgreSQL's own client programs (pg_dump, pg_restore, psql), found as scripts/pg-local.sh finds initdb: the
/// highest version under /usr/lib/postgresql/*/bin (Debian installs several side by side, and a dump needs a pg_dump
/// at least as new as the server), else the PATH. They are given the connection through libpq's environment, so no
/// password is ever on a command line that <c>ps</c> shows, and no inherited <c>PG*</c> variable redirects them.
/// </summary>
internal static class PostgresClient
{
    private const string VersionsFolder = "/usr/lib/postgresql";

    public static string Find(string program)
    {
        static Version? VersionOf(string folder)
        {
            var name = Path.GetFileName(folder);
            return Version.TryParse(name.Contains('.') ? name : name + ".0", out var version) ? version : null;
        }
        var versioned = Directory.Exists(VersionsFolder)
            ? Directory.GetDirectories(VersionsFolder)
                .Where(folder => VersionOf(folder) is not null && File.Exists(Path.Combine(folder, "bin", program)))
                .OrderByDescending(VersionOf)
                .Select(folder => Path.Combine(folder, "bin", program))
                .FirstOrDefault()
            : null;
        if (versioned is not null) return versioned;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, program))) return Path.Combine(folder, program);
        throw new InvalidOperationException(
            $"{program} is not installed (neither under {VersionsFolder}/*/bin nor on the PATH); install PostgreSQL's client programs: apt-get install -y postgresql-client.");
    }

    /// <summary>A start of <paramref name="program"/> with the connection of <paramref name="connection"/> in its environment.</summary>
    public static ProcessStartInfo StartInfo(string program, NpgsqlConnectionStringBuilder connection, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("PG", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        // A primary and its standbys are lists in libpq's environment: hosts in one, their ports in the other.
        var (hosts, ports, target) = PostgreSql.PostgresFailover.ForLibpq(connection);
        start.Environment["PGHOST"] = hosts;
        start.Environment["PGPORT"] = ports;
        if (target is not null) start.Environment["PGTARGETSESSIONATTRS"] = target;
        start.Environment["PGDATABASE"] = connection.Database ?? connection.Username;
        start.Environment["PGUSER"] = connection.Username;
        if (!string.IsNullOrEmpty(connection.Password)) start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        if (connection.Timeout > 0) start.Environment["PGCONNECT_TIMEOUT"] = connection.Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGAPPNAME"] = "linkage-" + program;
        return start;
    }

    /// <summary>Runs a program to its end, its output into <paramref name="output"/> if given; returns its exit code and what it said on stderr.</summary>
    public static async Task<(int ExitCode, string Errors)> RunAsync(ProcessStartInfo start, Stream? output, CancellationToken ct)
    {
        await using var process = ClientProcess.Start(start);
        process.StandardInput.Close();
        if (output is not null) await process.StandardOutput.CopyToAsync(output, ct);
        else await process.StandardOutput.CopyToAsync(Stream.Null, ct);
        var exit = await process.WaitAsync(ct);
        return (exit, process.Errors);
    }
}
