using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Secrets;

/// <summary>
/// The vault's request limit is shared by every worker (and every job using the vault). When one request is
/// told to wait (429 with Retry-After), every request about to be sent waits too, instead of each worker
/// spending a try to learn the same thing. The SDK still does the retrying; this only holds requests back.
/// </summary>
/// <remarks>
/// After the pause the workers do not all rush out again, only to spend the new allowance at once and be told to
/// wait once more while the vault's window is still open. When this run had itself been spending the allowance
/// (many answers in the Retry-After period before the 429), it learns it: a little less than the number of answers
/// let through in that period. From the end of the pause on, each period (Retry-After and a little more) lets that many
/// requests out, then holds the rest until the next period begins; a period begins with its first request, as the
/// vault's throttling windows do. Another 429 meanwhile lowers the allowance; after a while without one, the
/// allowance is dropped, and the next 429, if any, teaches a new one.
/// </remarks>
internal sealed class ThrottlePause(TimeProvider clock) : HttpPipelinePolicy
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(60);

    /// <summary>Fewer answers than this before a 429 say nothing about the vault's limit (others were spending it).</summary>
    private const int LeastAnswersToLearnFrom = 32;

    /// <summary>The share of the answers let through before a 429 that each later period allows, leaving room for timing jitter.</summary>
    private const double Headroom = 0.9;

    /// <summary>How long an allowance holds without a new 429: this many periods, and at least <see cref="LeastKeeping"/>.</summary>
    private const int KeepingPeriods = 10;

    private static readonly TimeSpan LeastKeeping = TimeSpan.FromSeconds(30);

    /// <summary>A period lasts Retry-After and a fiftieth more (20 ms of a second).</summary>
    private const int PeriodMarginDivisor = 50;

    private readonly object _gate = new();

    /// <summary>When the answers of the last <see cref="LongestPause"/> that were not 429 arrived (ticks), oldest first.</summary>
    private readonly Queue<long> _answered = new();

    /// <summary>No request is sent before this (ticks): the latest 429's Retry-After.</summary>
    private long _resumeAtTicks;

    /// <summary>Requests each period lets out; 0 while nothing has been learnt.</summary>
    private int _allowance;

    private long _periodTicks;
    private long _periodStartTicks;
    private int _usedInPeriod;
    private long _keepAllowanceUntilTicks;

    /// <summary>How long requests are still held back by the latest 429's Retry-After; zero when none are.</summary>
    public TimeSpan RemainingPause()
    {
        lock (_gate)
        {
            var remaining = _resumeAtTicks - clock.GetUtcNow().UtcTicks;
            return remaining > 0 ? TimeSpan.FromTicks(remaining) : TimeSpan.Zero;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var wait = ReserveSendTime();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < LongestPause ? wait : LongestPause, clock, message.CancellationToken);
        }

        await ProcessNextAsync(message, pipeline);

        if (message.HasResponse)
        {
            Record(message.Response);
        }
    }

    /// <returns>How long this request waits before it is sent: until the pause is over, and for a period with room left.</returns>
    private TimeSpan ReserveSendTime()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var sendAt = Math.Max(now, _resumeAtTicks);
            if (_allowance > 0 && sendAt < _keepAllowanceUntilTicks)
            {
                sendAt = Math.Max(sendAt, _periodStartTicks);
                if (sendAt >= _periodStartTicks + _periodTicks)
                {
                    // The last period has run out with room to spare: a new one begins with this request.
                    _periodStartTicks = sendAt;
                    _usedInPeriod = 0;
                }
                else if (_usedInPeriod >= _allowance)
                {
                    // This period is spent: wait for the next one, and be its first request.
                    _periodStartTicks += _periodTicks;
                    _usedInPeriod = 0;
                    sendAt = _periodStartTicks;
                }

                _usedInPeriod++;
            }

            return TimeSpan.FromTicks(sendAt - now);
        }
    }

    private void Record(Response response)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcTicks;
            if (response.Status != 429)
            {
                _answered.Enqueue(now);
                while (_answered.TryPeek(out var oldest) && oldest <= now - LongestPause.Ticks)
                {
                    _answered.Dequeue();
                }

                return;
            }

            if (RetryAfter.Read(response) is not { } retryAfter)
            {
                return;
            }

            var period = (retryAfter < LongestPause ? retryAfter : LongestPause).Ticks;
            _resumeAtTicks = Math.Max(_resumeAtTicks, now + period);

            var letThrough = _answered.Count(t => t > now - period);
            if (letThrough >= LeastAnswersToLearnFrom)
            {
                // Never more than an allowance still held: a 429 while it holds means it was still too much.
                var allowance = Math.Max(1, (int)(letThrough * Headroom));
                _allowance = _allowance > 0 && now < _keepAllowanceUntilTicks ? Math.Min(_allowance, allowance) : allowance;
                // A little longer than Retry-After: the vault's window opens when a request arrives, a moment after it
                // was sent, and the first requests of a period must not land in the window before.
                _periodTicks = period + (period / PeriodMarginDivisor);
                _periodStartTicks = _resumeAtTicks;
                _usedInPeriod = 0;
                _keepAllowanceUntilTicks = _resumeAtTicks + Math.Max(KeepingPeriods * period, LeastKeeping.Ticks);
            }
        }
    }
}
