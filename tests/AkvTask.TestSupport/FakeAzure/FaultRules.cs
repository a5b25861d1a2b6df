namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// Fault switches for one fake service (a vault, or Entra ID). Rules are asked in the order they were added;
/// the first one that returns a terminal action decides. Thread-safe; change them while requests are in flight.
/// </summary>
/// <remarks>
/// Key Vault asks its rules only once a request carries a valid token, so the SDK's unauthenticated challenge
/// round trip never uses up a "next N requests" fault. <see cref="Latency"/> applies to every request.
/// </remarks>
public sealed class FaultRules
{
    private readonly object _gate = new();
    private readonly List<Func<RequestInfo, FaultAction?>> _rules = [];
    private long _latencyTicks;
    private int? _requestsPerSecond;
    private TimeSpan? _quotaRetryAfter;
    private long _windowStart;
    private int _windowCount;

    /// <summary>Added to every request before anything else happens.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Adds a rule; dispose the result to remove it.</summary>
    public IDisposable Add(Func<RequestInfo, FaultAction?> rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return new Removal(() =>
        {
            lock (_gate)
            {
                _rules.Remove(rule);
            }
        });
    }

    /// <summary>The next <paramref name="count"/> requests that match get <paramref name="action"/>.</summary>
    public IDisposable Next(int count, Func<RequestInfo, bool> match, FaultAction action)
    {
        var remaining = count;
        return Add(info => match(info) && Interlocked.Decrement(ref remaining) >= 0 ? action : null);
    }

    /// <summary>
    /// The next <paramref name="count"/> requests whose path starts with <paramref name="pathPrefix"/> (any request when null)
    /// answer <paramref name="status"/>; a 429 carries the real throttling body.
    /// </summary>
    public IDisposable FailNext(int count, int status, string? pathPrefix = null, TimeSpan? retryAfter = null) =>
        Next(count, info => pathPrefix is null || info.Path.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase),
            status == 429 ? FaultAction.Throttle(retryAfter) : FaultAction.Respond(status, retryAfter: retryAfter));

    /// <summary>The next <paramref name="count"/> gets of <paramref name="secretName"/> (any request when null) lose their connection.</summary>
    public IDisposable AbortNext(int count, string? secretName = null) =>
        Next(count, info => IsSecret(info, secretName), FaultAction.Abort());

    /// <summary>The next <paramref name="count"/> gets of <paramref name="secretName"/> (any request when null) hang, before or in the middle of the body.</summary>
    public IDisposable StallNext(int count, TimeSpan duration, string? secretName = null, bool midBody = false) =>
        Next(count, info => IsSecret(info, secretName), midBody ? FaultAction.StallBody(duration) : FaultAction.Stall(duration));

    /// <summary>Every get of <paramref name="secretName"/> waits <paramref name="delay"/>, then answers normally.</summary>
    public IDisposable DelaySecret(string secretName, TimeSpan delay) =>
        Add(info => IsSecret(info, secretName) ? FaultAction.Delay(delay) : null);

    /// <summary>Answers to <paramref name="operations"/> (for gets, of <paramref name="secretName"/> only, when given) carry broken JSON.</summary>
    public IDisposable MalformBodies(VaultOperation operations = VaultOperation.Get, string? secretName = null) =>
        Add(info => Matches(info, operations, secretName) ? FaultAction.MalformedBody() : null);

    /// <summary>
    /// <paramref name="operations"/> answer 403 for <paramref name="reason"/>. With <paramref name="secretName"/>, only gets of that secret
    /// (a list is never about one secret).
    /// </summary>
    public IDisposable Forbid(ForbiddenReason reason, VaultOperation operations = VaultOperation.All, string? secretName = null) =>
        Add(info => Matches(info, operations, secretName) ? FaultAction.Forbid(reason) : null);

    /// <summary>
    /// Beyond <paramref name="requestsPerSecond"/> (null: no limit) in one second, answer 429, with <c>Retry-After</c>
    /// only when <paramref name="retryAfterSeconds"/> is not null.
    /// </summary>
    public void LimitRequestsPerSecond(int? requestsPerSecond, int? retryAfterSeconds = 1)
    {
        lock (_gate)
        {
            _requestsPerSecond = requestsPerSecond;
            _quotaRetryAfter = retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            _windowStart = Environment.TickCount64;
            _windowCount = 0;
        }
    }

    /// <summary>Removes every rule, the latency and the quota.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _requestsPerSecond = null;
        }

        Latency = TimeSpan.Zero;
    }

    internal async Task ApplyLatencyAsync(CancellationToken cancellationToken)
    {
        var latency = Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }
    }

    /// <returns>The terminal action for this request, or null to answer normally.</returns>
    internal async Task<FaultAction?> DecideAsync(RequestInfo info, CancellationToken cancellationToken)
    {
        Func<RequestInfo, FaultAction?>[] rules;
        lock (_gate)
        {
            rules = [.. _rules];
        }

        foreach (var rule in rules)
        {
            var action = rule(info);
            if (action is null)
            {
                continue;
            }

            if (action.Kind != FaultActionKind.Delay)
            {
                return action;
            }

            await Task.Delay(action.Duration, cancellationToken);
        }

        return OverQuota();
    }

    private FaultAction? OverQuota()
    {
        lock (_gate)
        {
            if (_requestsPerSecond is not { } limit)
            {
                return null;
            }

            var now = Environment.TickCount64;
            if (now - _windowStart >= 1000)
            {
                _windowStart = now;
                _windowCount = 0;
            }

            _windowCount++;
            return _windowCount > limit ? FaultAction.Throttle(_quotaRetryAfter) : null;
        }
    }

    private static bool IsSecret(RequestInfo info, string? secretName) =>
        secretName is null || (info.Kind == RequestKind.SecretGet && string.Equals(info.SecretName, secretName, StringComparison.OrdinalIgnoreCase));

    private static bool Matches(RequestInfo info, VaultOperation operations, string? secretName) => info.Kind switch
    {
        RequestKind.SecretList or RequestKind.SecretVersionList => operations.HasFlag(VaultOperation.List) && secretName is null,
        RequestKind.SecretGet => operations.HasFlag(VaultOperation.Get) && IsSecret(info, secretName),
        _ => false,
    };

    private sealed class Removal(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
