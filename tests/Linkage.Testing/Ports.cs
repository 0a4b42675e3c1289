using System.Net;
using System.Net.Sockets;

namespace Linkage.Testing;

public static class Ports
{
    /// <summary>A loopback port free right now. The hosts of one test network must know each other's addresses before they start.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
