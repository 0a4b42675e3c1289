using System.Globalization;

namespace Linkage.Benchmarks;

/// <summary>The machine a section was measured on, in words: cores, memory, and the file system holding a path.</summary>
public static class BenchMachine
{
    public static string Describe(string path)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores (shared with other workers), {memory.ToString("0", CultureInfo.InvariantCulture)} GiB, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; database files in {path} on {FileSystemOf(path)}";
    }

    /// <summary>The machine's load average (1, 5 and 15 minutes, from /proc/loadavg), or "unknown" off Linux: how much
    /// other workers were running while a section was measured.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} / {fields[1]} / {fields[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>The device and type of the mount holding <paramref name="path"/> (Linux), else "an unknown file system".</summary>
    private static string FileSystemOf(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var mount = File.ReadLines("/proc/mounts")
                .Select(line => line.Split(' '))
                .Where(f => f.Length >= 3 && (full == f[1] || full.StartsWith(f[1].TrimEnd('/') + "/", StringComparison.Ordinal)))
                .MaxBy(f => f[1].Length);
            return mount is null ? "an unknown file system" : $"{mount[0]} ({mount[2]})";
        }
        catch (IOException)
        {
            return "an unknown file system";
        }
        catch (UnauthorizedAccessException)
        {
            return "an unknown file system";
        }
    }
}
