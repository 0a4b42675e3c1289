using System.Collections.Concurrent;
using System.Diagnostics;

namespace Linkage.Benchmarks.Platform;

/// <summary>
/// A platform node as the platform runs it: the built gateway (src/Linkage.Gateway, same configuration as this
/// benchmark's build) in a process of its own, from its own folder (its appsettings.json: console logging, as deployed),
/// configured through environment variables. Its processor time is read from the process; its warnings and errors
/// (the first thousand lines) are kept for the section.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _problems = new();

    private NodeProcess(string name, Process process, string address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }
    public string Address { get; }

    /// <summary>Processor time the node process has used so far (user and system, all its threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Its resident memory now.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Warning, error and fatal lines of its log (the gateway's console template: "HH:mm:ss.fff LVL ...").</summary>
    public IReadOnlyList<string> Problems => _problems.ToList();

    public static NodeProcess Start(string name, int port, IReadOnlyDictionary<string, string?> environment)
    {
        var folder = GatewayFolder();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Linkage.Gateway.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // What this benchmark's process was given for itself (the cluster's superuser) is none of the node's business.
        start.Environment.Remove(Testing.TestStorage.Variable);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var node = new NodeProcess(name, process, $"https://127.0.0.1:{port}");
        process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Whether the process has ended (a node that failed to start ends with its reason in <see cref="Problems"/>).</summary>
    public bool HasExited => _process.HasExited;

    private void Keep(string? line)
    {
        if (line is null || _problems.Count >= 1_000) return;
        if (line.Contains(" WRN ", StringComparison.Ordinal) || line.Contains(" ERR ", StringComparison.Ordinal) ||
            line.Contains(" FTL ", StringComparison.Ordinal) || line.StartsWith("Unhandled exception", StringComparison.Ordinal))
            _problems.Enqueue(line);
    }

    /// <summary>src/Linkage.Gateway/bin/{configuration}/{framework}/ of the repository this benchmark was built in.</summary>
    private static string GatewayFolder()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (own.Name, own.Parent!.Name);
        for (var folder = own; folder is not null; folder = folder.Parent)
        {
            var gateway = Path.Combine(folder.FullName, "src", "Linkage.Gateway", "bin", configuration, framework);
            if (File.Exists(Path.Combine(gateway, "Linkage.Gateway.dll"))) return gateway;
        }
        throw new FileNotFoundException($"No built gateway (src/Linkage.Gateway/bin/{configuration}/{framework}) above {own.FullName}.");
    }

    /// <summary>Stops the node as a service manager would (SIGTERM: it finishes its group commit and lets its leader
    /// locks go), and kills it if it has not ended within 20 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
