using System.Globalization;

namespace AkvTask.Benchmarks;

/// <summary>One situation to measure: what the vault holds, how the fake Azure answers, and what the task is asked for.</summary>
/// <param name="Name">Short label, printed in the results.</param>
/// <param name="SecretCount">Secrets in the vault.</param>
/// <param name="ByName">Ask for the first this many secrets by name; null asks for <c>*</c> (list, then get each).</param>
/// <param name="ValueBytes">Length of every value (ASCII, so bytes and characters alike).</param>
/// <param name="Latency">Added by the fake to every request, Key Vault and Entra ID alike.</param>
/// <param name="QuotaRps">Authenticated vault requests the fake answers per one-second window; beyond it, 429.</param>
/// <param name="RetryAfterSeconds">The 429's <c>Retry-After</c>.</param>
/// <param name="Runs">Measured runs of the step.</param>
internal sealed record Scenario(
    string Name,
    int SecretCount,
    int? ByName,
    int ValueBytes,
    TimeSpan Latency,
    int? QuotaRps,
    int RetryAfterSeconds,
    int Runs)
{
    public const string SecretPrefix = "secret-";

    /// <summary>The secrets the step must deliver, as the fake vault names them (see FakeKeyVault.AddSecrets).</summary>
    public IReadOnlyList<string> ExpectedNames =>
        [.. Enumerable.Range(1, ByName ?? SecretCount).Select(i => SecretPrefix + i.ToString("D4", CultureInfo.InvariantCulture))];

    public string Filter => ByName is null ? "*" : string.Join(",", ExpectedNames);

    public string Describe()
    {
        var what = ByName is { } n ? $"{n} by name" : $"* over {SecretCount}";
        var quota = QuotaRps is { } q ? $", quota {q} req/s (Retry-After {RetryAfterSeconds} s)" : "";
        return $"{what}, {ValueBytes} B values, {Latency.TotalMilliseconds:0} ms latency{quota}, {Runs} runs";
    }

    /// <summary>A value unique to secret <paramref name="index"/>, exactly <see cref="ValueBytes"/> long.</summary>
    public string ValueOf(int index)
    {
        var head = $"v{index:D4}-";
        if (ValueBytes <= head.Length)
        {
            return head[..Math.Max(1, ValueBytes)];
        }

        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(ValueBytes, (head, index), static (span, state) =>
        {
            state.head.AsSpan().CopyTo(span);
            for (var i = state.head.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[(i * 7 + state.index) % Alphabet.Length];
            }
        });
    }

    /// <summary>
    /// Parses <c>name=…,secrets=…,by-name=…,value-bytes=…,latency-ms=…,quota=…,retry-after=…,runs=…</c>
    /// (every key optional) into a scenario.
    /// </summary>
    public static Scenario Parse(string text)
    {
        var scenario = new Scenario("custom", 100, null, 32, TimeSpan.Zero, null, 1, 5);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = pair.IndexOf('=') is var at and > 0 ? (pair[..at].Trim(), pair[(at + 1)..].Trim()) : (pair, "");
            scenario = key switch
            {
                "name" => scenario with { Name = value },
                "secrets" => scenario with { SecretCount = Positive(key, value) },
                "by-name" => scenario with { ByName = Positive(key, value) },
                "value-bytes" => scenario with { ValueBytes = Positive(key, value) },
                "latency-ms" => scenario with { Latency = TimeSpan.FromMilliseconds(NonNegative(key, value)) },
                "quota" => scenario with { QuotaRps = Positive(key, value) },
                "retry-after" => scenario with { RetryAfterSeconds = Positive(key, value) },
                "runs" => scenario with { Runs = Positive(key, value) },
                _ => throw new ArgumentException($"Unknown scenario key '{key}'."),
            };
        }

        if (scenario.ByName > scenario.SecretCount)
        {
            scenario = scenario with { SecretCount = scenario.ByName.Value };
        }

        return scenario;
    }

    private static int Positive(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Scenario key '{key}' needs a positive whole number, not '{value}'.");

    private static int NonNegative(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Scenario key '{key}' needs a whole number, not '{value}'.");
}
