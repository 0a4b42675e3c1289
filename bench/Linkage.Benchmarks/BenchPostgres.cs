using System.Data.Common;
using System.Globalization;
using Linkage.Testing;
using Npgsql;

namespace Linkage.Benchmarks;

/// <summary>
/// The PostgreSQL cluster a benchmark runs against: the throwaway one scripts/bench.sh starts through
/// scripts/pg-local.sh (<see cref="TestStorage.Variable"/> holds its superuser's connection string), and what the
/// benchmarks read of it: the server's own counters, the size of an institution's tables, the memory of its processes.
/// </summary>
public static class BenchPostgres
{
    /// <summary>The superuser connection string, or null when no cluster was given to this process.</summary>
    public static string? AdminConnectionString => TestStorage.AdminConnectionString;

    /// <summary>The section of a benchmark that needs PostgreSQL when none was given: not measured, and why.</summary>
    public static string Skipped(string name) =>
        $"## {name}\n\nNot measured ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC): PostgreSQL is not installed on this machine " +
        $"(`apt-get install -y postgresql`), or this benchmark was started without {TestStorage.Variable}. " +
        $"scripts/bench.sh runs it on a throwaway cluster of scripts/pg-local.sh when PostgreSQL is installed.\n";

    /// <summary>The server's version, e.g. "15.18".</summary>
    public static async Task<string> VersionAsync(CancellationToken ct)
    {
        await using var connection = await OpenAdminAsync(ct);
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return ((string)(await command.ExecuteScalarAsync(ct))!).Split(' ')[0];
    }

    /// <summary>
    /// The cluster's cumulative counters at one moment (pg_stat_database, pg_stat_wal). A backend reports its counters
    /// when it goes idle, at most once a second: read them a couple of seconds after the work to count.
    /// </summary>
    public sealed record Activity(long Commits, long WalRecords, long WalBytes, long WalWrites, long WalSyncs)
    {
        public Activity Minus(Activity before) => new(Commits - before.Commits, WalRecords - before.WalRecords,
            WalBytes - before.WalBytes, WalWrites - before.WalWrites, WalSyncs - before.WalSyncs);
    }

    public static async Task<Activity> ActivityAsync(CancellationToken ct)
    {
        await using var connection = await OpenAdminAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT sum(xact_commit)::bigint FROM pg_stat_database), wal_records, wal_bytes::bigint, wal_write, wal_sync
            FROM pg_stat_wal
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Activity(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>Rows and bytes (table, indexes and TOAST: pg_total_relation_size) of each table, through a connection
    /// of the institution (its search path is its schema).</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows, long Bytes)>> TableSizesAsync(DbConnection institution,
        IEnumerable<string> tables, CancellationToken ct)
    {
        var sizes = new List<(string, long, long)>();
        foreach (var table in tables)
        {
            await using var command = institution.CreateCommand();
            command.CommandText = $"SELECT count(*), pg_total_relation_size('\"{table}\"') FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            sizes.Add((table, reader.GetInt64(0), reader.GetInt64(1)));
        }
        return sizes;
    }

    /// <summary>A markdown table of <see cref="TableSizesAsync"/>'s answer, with bytes per row.</summary>
    public static string SizeTable(IEnumerable<(string Table, long Rows, long Bytes)> sizes)
    {
        var lines = new List<string> { "| table | rows | pg_total_relation_size | bytes per row |", "|---|---|---|---|" };
        lines.AddRange(sizes.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"| {s.Table} | {s.Rows:N0} | {s.Bytes / 1024.0 / 1024:N1} MiB | {(s.Rows == 0 ? "–" : (s.Bytes / (double)s.Rows).ToString("N0", CultureInfo.InvariantCulture))} |")));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// The proportional set size (Pss: shared pages divided among their sharers) of this cluster's processes, the
    /// postmaster and every process pg_stat_activity lists (backends and background workers), in bytes; null when
    /// /proc cannot tell. Other clusters on the machine (other workers' tests) are not counted.
    /// </summary>
    public static async Task<(long Bytes, int Processes, int ClientBackends)?> ServerMemoryAsync(CancellationToken ct)
    {
        var pids = new List<int>();
        var clients = 0;
        await using (var connection = await OpenAdminAsync(ct))
        await using (var command = new NpgsqlCommand("SELECT pid, backend_type FROM pg_stat_activity", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                pids.Add(reader.GetInt32(0));
                if (reader.GetString(1) == "client backend") clients++;
            }
        try
        {
            // The postmaster is every backend's parent (field 4 of /proc/PID/stat).
            var postmaster = int.Parse(File.ReadAllText($"/proc/{pids[0]}/stat").Split(") ")[1].Split(' ')[1], CultureInfo.InvariantCulture);
            long total = 0;
            var counted = 0;
            foreach (var pid in pids.Append(postmaster).Distinct())
            {
                var path = $"/proc/{pid}/smaps_rollup";
                if (!File.Exists(path)) continue;
                var pss = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                if (pss is null) continue;
                total += long.Parse(pss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                counted++;
            }
            return (total, counted, clients);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// Processor time the cluster has used so far: its running processes' own (the postmaster and every process
    /// pg_stat_activity lists) and, through the postmaster's children counters, that of the backends that have ended;
    /// null when /proc cannot tell. The difference of two readings is the server's share of what ran between them.
    /// </summary>
    public static async Task<TimeSpan?> ServerProcessorTimeAsync(CancellationToken ct)
    {
        var pids = new List<int>();
        await using (var connection = await OpenAdminAsync(ct))
        await using (var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) pids.Add(reader.GetInt32(0));
        try
        {
            static string[] Stat(int pid) => File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ');
            var postmaster = int.Parse(Stat(pids[0])[1], CultureInfo.InvariantCulture);
            long ticks = 0;
            foreach (var pid in pids.Where(p => p != postmaster))
            {
                if (!File.Exists($"/proc/{pid}/stat")) continue;
                var fields = Stat(pid);
                // utime and stime: fields 14 and 15 of /proc/PID/stat, 11 and 12 after the command's closing parenthesis.
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            var own = Stat(postmaster);
            // The postmaster's own time and its ended children's (cutime, cstime: fields 16 and 17).
            for (var field = 11; field <= 14; field++) ticks += long.Parse(own[field], CultureInfo.InvariantCulture);
            // Linux reports these in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
            return TimeSpan.FromMilliseconds(ticks * 10.0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(AdminConnectionString ?? throw new InvalidOperationException($"{TestStorage.Variable} is not set."));
        await connection.OpenAsync(ct);
        return connection;
    }
}
