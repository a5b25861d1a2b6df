using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// An HTTP proxy on 127.0.0.1 that tunnels every CONNECT, whatever host it names, to one local port.
/// Plain-HTTP requests (absolute URI) are recorded and refused with 502: nothing should send them.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly Func<string, bool> _isResolvable;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly ConcurrentQueue<string> _connectTargets = new();
    private readonly ConcurrentQueue<string> _plainHttpRequests = new();
    private readonly Task _acceptLoop;
    private volatile string? _expectedAuthorization;

    /// <param name="targetPort">The 127.0.0.1 port that every tunnel leads to.</param>
    /// <param name="isResolvable">False for a host that real DNS would not know: its CONNECT gets 502, as from a real proxy.</param>
    public ConnectProxy(int targetPort, Func<string, bool> isResolvable)
    {
        _targetPort = targetPort;
        _isResolvable = isResolvable;
        _listener.Start(backlog: 512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Every CONNECT target (<c>host:port</c>) in arrival order, including refused ones.</summary>
    public IReadOnlyList<string> ConnectTargets => _connectTargets.ToArray();

    /// <summary>Every plain-HTTP request line target (absolute URI) in arrival order.</summary>
    public IReadOnlyList<string> PlainHttpRequests => _plainHttpRequests.ToArray();

    /// <summary>From now on, answer 407 unless <c>Proxy-Authorization: Basic</c> carries these credentials; null turns it off.</summary>
    public void RequireCredentials(string? userName, string? password)
    {
        _expectedAuthorization = userName is null
            ? null
            : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        _sockets.TryAdd(client, 0);
        try
        {
            client.NoDelay = true;
            var buffer = new byte[MaxHeaderBytes];
            var buffered = 0;
            while (!_stopping.IsCancellationRequested)
            {
                var (headerLength, total) = await ReadHeaderAsync(client, buffer, buffered);
                if (headerLength < 0)
                {
                    return;
                }

                var header = Encoding.ASCII.GetString(buffer, 0, headerLength);
                var leftover = buffer.AsMemory(headerLength, total - headerLength);
                var keepGoing = await HandleRequestAsync(client, header, leftover);
                if (!keepGoing)
                {
                    return;
                }

                // A 407 keeps the connection: move any bytes already read past the header to the front.
                leftover.CopyTo(buffer);
                buffered = leftover.Length;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the proxy is stopping.
        }
        finally
        {
            _sockets.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <returns>True when the connection stays open for another request.</returns>
    private async Task<bool> HandleRequestAsync(Socket client, string header, ReadOnlyMemory<byte> leftover)
    {
        var lines = header.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            await ReplyAsync(client, "400 Bad Request", close: true);
            return false;
        }

        var (method, target) = (requestLine[0], requestLine[1]);
        if (!method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                _plainHttpRequests.Enqueue($"{method} {target}");
            }

            await ReplyAsync(client, "502 Bad Gateway", close: true);
            return false;
        }

        _connectTargets.Enqueue(target);

        var expected = _expectedAuthorization;
        if (expected is not null && !HasAuthorization(lines, expected))
        {
            await ReplyAsync(client, "407 Proxy Authentication Required", close: false, "Proxy-Authenticate: Basic realm=\"fake\"");
            return true;
        }

        var host = SplitHost(target);
        if (host is null || !_isResolvable(host))
        {
            await ReplyAsync(client, "502 Bad Gateway", close: true);
            return false;
        }

        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _sockets.TryAdd(upstream, 0);
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(10));
                await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _targetPort), connectTimeout.Token);
            }

            await SendAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n");
            if (!leftover.IsEmpty)
            {
                await upstream.SendAsync(leftover, SocketFlags.None, _stopping.Token);
            }

            await PipeAsync(client, upstream);
        }
        finally
        {
            _sockets.TryRemove(upstream, out _);
        }

        return false;
    }

    // Whichever side finishes first (end of stream or error) ends the tunnel, so a connection that the server
    // drops is seen as dropped by the client too.
    private async Task PipeAsync(Socket client, Socket upstream)
    {
        using var tunnel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var up = CopyAsync(client, upstream, tunnel.Token);
        var down = CopyAsync(upstream, client, tunnel.Token);
        await Task.WhenAny(up, down);
        await tunnel.CancelAsync();
        Close(client);
        Close(upstream);
        await Task.WhenAll(up, down).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Ends the tunnel.
        }
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Close();
    }

    private async Task<(int HeaderLength, int Total)> ReadHeaderAsync(Socket client, byte[] buffer, int buffered)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(HeaderTimeout);
        var total = buffered;
        while (true)
        {
            var end = buffer.AsSpan(0, total).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (end + 4, total);
            }

            if (total == buffer.Length)
            {
                await ReplyAsync(client, "431 Request Header Fields Too Large", close: true);
                return (-1, total);
            }

            var read = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return (-1, total);
            }

            total += read;
        }
    }

    private static bool HasAuthorization(string[] headerLines, string expected)
    {
        foreach (var line in headerLines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0
                && line.AsSpan(0, colon).Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
                && line.AsSpan(colon + 1).Trim().SequenceEqual(expected))
            {
                return true;
            }
        }

        return false;
    }

    private static string? SplitHost(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            return close > 0 ? authority[1..close] : null;
        }

        var colon = authority.LastIndexOf(':');
        var host = colon >= 0 ? authority[..colon] : authority;
        return host.Length == 0 ? null : host;
    }

    private Task ReplyAsync(Socket client, string status, bool close, params string[] headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {status}\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n");
        if (close)
        {
            text.Append("Connection: close\r\n");
        }

        return SendAsync(client, text.Append("\r\n").ToString());
    }

    private async Task SendAsync(Socket client, string text)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(HeaderTimeout);
        await client.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var socket in _sockets.Keys)
        {
            Close(socket);
        }

        await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
