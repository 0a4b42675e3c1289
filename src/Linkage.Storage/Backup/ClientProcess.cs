using System.Diagnostics;
using System.Text;

namespace Linkage.Storage.Backup;

/// <summary>
/// One run of a client program (<see cref="PostgresClient"/>) with its standard streams as bytes: what it says on
/// stderr is kept (the first lines, for an error message) while it runs, so that it never blocks on a full pipe.
/// Disposed while it still runs, it is killed: a restore abandoned half-way must not go on by itself.
/// </summary>
internal sealed class ClientProcess : IAsyncDisposable
{
    private const int KeptErrorChars = 4_000;

    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly Task _errorsRead;

    private ClientProcess(Process process)
    {
        _process = process;
        _errorsRead = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (_errors)
                    if (_errors.Length < KeptErrorChars && line.Trim().Length > 0) _errors.AppendLine(line.TrimEnd());
        });
    }

    public static ClientProcess Start(ProcessStartInfo start) =>
        new(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."));

    public string Name => Path.GetFileName(_process.StartInfo.FileName);

    public Stream StandardInput => _process.StandardInput.BaseStream;

    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>What it said on stderr so far, trimmed and cut at a few thousand characters.</summary>
    public string Errors
    {
        get
        {
            lock (_errors) return _errors.ToString().Trim();
        }
    }

    public async Task<int> WaitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        await _errorsRead;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            await _process.WaitForExitAsync();
            await _errorsRead;
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
        _process.Dispose();
    }
}
