using System.Collections.Concurrent;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>Every request the fake HTTPS server saw, in the order they finished. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public int Count => _records.Count;

    public IReadOnlyList<RequestRecord> Snapshot() => _records.ToArray();

    public int CountOf(RequestKind kind) => _records.Count(r => r.Kind == kind);

    public int CountAnswered(int status) => _records.Count(r => r.Status == status);

    /// <summary>How many times the same method and URL were requested; more than 1 means the client retried.</summary>
    public int CountOf(string method, string host, string pathAndQuery) => _records.Count(r =>
        r.Method.Equals(method, StringComparison.OrdinalIgnoreCase)
        && r.Host.Equals(host, StringComparison.OrdinalIgnoreCase)
        && r.PathAndQuery == pathAndQuery);

    public void Clear() => _records.Clear();

    internal void Add(RequestRecord record) => _records.Enqueue(record);
}
