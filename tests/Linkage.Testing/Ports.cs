using System.Net;
using System.Net.Sockets;

namespace Linkage.Testing;

public static class Ports
{
    /// <summary>
    /// A loopback port free right now, below Linux's ephemeral range (32768+) so that outgoing connections cannot take
    /// it before our host binds it. The hosts of one test network must know each other's addresses before they start;
    /// a port taken in between anyway makes the network start again (see <see cref="TestNetwork"/>).
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { /* in use: try another */ }
        }
        throw new InvalidOperationException("No free loopback port was found.");
    }

    public static bool IsAddressInUse(Exception error) =>
        error is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException };
}
