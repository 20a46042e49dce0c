using System.Net;
using System.Net.Sockets;

namespace QaBot.Testing;

/// <summary>Free TCP ports on 127.0.0.1, for servers a test starts (a node process, a fake endpoint).</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port nothing listened on when probed. Another process may take it before the caller binds it:
    /// a caller that binds it itself should retry (as <see cref="LoopbackHttpServer"/> does).
    /// </summary>
    public static int PickFree()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
