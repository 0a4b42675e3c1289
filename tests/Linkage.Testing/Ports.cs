using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Linkage.Testing;

public static class Ports
{
    private static readonly string ReservationFolder = Path.Combine(Path.GetTempPath(), "linkage-test-ports");
    private static readonly ConcurrentDictionary<int, FileStream> Reserved = new();

    /// <summary>
    /// A loopback port free right now, below Linux's ephemeral range (32768+) so that outgoing connections cannot take
    /// it before our host binds it. The hosts of one test network must know each other's addresses before they start;
    /// a port taken in between anyway makes the network start again (see <see cref="TestNetwork"/>).
    /// A port is handed out once for good, in every test process at once: tests that kill a gateway and start it again
    /// on its port leave that port free in between, and another test given it would talk TLS to a stranger.
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (!TryReserve(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { /* in use by something else: keep it reserved and try another */ }
        }
        throw new InvalidOperationException("No free loopback port was found.");
    }

    public static bool IsAddressInUse(Exception error) =>
        error is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException };

    /// <summary>
    /// A lock file per port, held open until this process ends: .NET takes an advisory lock (flock) for FileShare.None
    /// on Linux, so another test process cannot open it, and the kernel lets it go when the process dies.
    /// </summary>
    private static bool TryReserve(int port)
    {
        if (Reserved.ContainsKey(port)) return false;
        Directory.CreateDirectory(ReservationFolder);
        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(ReservationFolder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        if (Reserved.TryAdd(port, file)) return true;
        file.Dispose();
        return false;
    }
}
