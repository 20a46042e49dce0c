using System.Net;
using System.Net.Sockets;

namespace QaBot.Testing;

/// <summary>
/// A loopback port bound but not listening, for "the remote service is down": connections to it are
/// refused, and no other test can start listening on it while this is held.
/// </summary>
public sealed class ClosedLoopbackPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedLoopbackPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public void Dispose() => _socket.Dispose();
}
