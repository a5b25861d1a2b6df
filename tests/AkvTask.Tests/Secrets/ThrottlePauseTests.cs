using System.Net;
using AkvTask.Secrets;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace AkvTask.Tests.Secrets;

/// <summary>The shared pause after a 429, on a fake clock: nothing is sent early, and a learnt allowance paces the workers.</summary>
public class ThrottlePauseTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private FakeTimeProvider _clock = null!;
    private CountingHandler _vault = null!;
    private HttpPipeline _pipeline = null!;
    private ThrottlePause _pause = null!;

    [SetUp]
    public void Build()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        _vault = new CountingHandler();
        var options = new PipelineOptions { Transport = new HttpClientTransport(new HttpClient(_vault)) };
        options.Retry.MaxRetries = 0;
        _pause = new ThrottlePause(_clock);
        _pipeline = HttpPipelineBuilder.Build(options, _pause);
    }

    [Test]
    public async Task After_a_429_no_request_is_sent_before_Retry_After_has_passed()
    {
        _vault.ThrottleNext(retryAfterSeconds: 2);
        (await Send().WaitAsync(Limit)).Should().Be(429);

        var next = Send();
        await Settle();
        _clock.Advance(TimeSpan.FromSeconds(1.9));
        await Settle();
        _vault.Count.Should().Be(1, "the pause is not over");

        _clock.Advance(TimeSpan.FromSeconds(0.2));
        (await next.WaitAsync(Limit)).Should().Be(200);
        _vault.Count.Should().Be(2);
    }

    [Test]
    public async Task A_Retry_After_given_as_an_HTTP_date_pauses_too()
    {
        // Read as the SDK's retry policy reads it: against the real time, at the header's one-second resolution.
        _vault.ThrottleNext(DateTimeOffset.UtcNow.AddSeconds(4).ToString("r"));
        (await Send().WaitAsync(Limit)).Should().Be(429);

        var next = Send();
        await Settle();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await Settle();
        _vault.Count.Should().Be(1, "the date is at least two seconds away");

        _clock.Advance(TimeSpan.FromSeconds(3));
        (await next.WaitAsync(Limit)).Should().Be(200);
    }

    [Test]
    public async Task The_remaining_pause_is_told_for_progress_reports()
    {
        _pause.RemainingPause().Should().Be(TimeSpan.Zero);
        _vault.ThrottleNext(retryAfterSeconds: 4);
        (await Send().WaitAsync(Limit)).Should().Be(429);

        _pause.RemainingPause().Should().Be(TimeSpan.FromSeconds(4));
        _clock.Advance(TimeSpan.FromSeconds(3));
        _pause.RemainingPause().Should().Be(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(2));
        _pause.RemainingPause().Should().Be(TimeSpan.Zero);
    }

    [Test]
    public async Task A_429_without_Retry_After_holds_nothing_back()
    {
        _vault.ThrottleNext(retryAfterSeconds: (int?)null);
        (await Send().WaitAsync(Limit)).Should().Be(429);

        (await Send().WaitAsync(Limit)).Should().Be(200);
    }

    [Test]
    public async Task When_this_run_spent_the_allowance_later_periods_let_out_a_little_less_than_it()
    {
        for (var i = 0; i < 40; i++)
        {
            (await Send().WaitAsync(Limit)).Should().Be(200);
        }

        _vault.ThrottleNext(retryAfterSeconds: 1);
        (await Send().WaitAsync(Limit)).Should().Be(429);
        var waiting = Enumerable.Range(0, 50).Select(_ => Send()).ToList();

        _clock.Advance(TimeSpan.FromSeconds(1));
        await Settle(until: () => _vault.Count >= 41 + 36);
        _vault.Count.Should().Be(41 + 36, "90 % of the 40 answers of the last period");

        _clock.Advance(TimeSpan.FromSeconds(1.1));
        await Task.WhenAll(waiting).WaitAsync(Limit);
        _vault.Count.Should().Be(41 + 50);
    }

    private Task<int> Send() => Task.Run(async () =>
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://kv.vault.azure.net/secrets/s?api-version=7.6"));
        await _pipeline.SendAsync(message, CancellationToken.None);
        return message.Response.Status;
    });

    /// <summary>Lets queued work run on the real thread pool before the fake clock moves on.</summary>
    private static async Task Settle(Func<bool>? until = null)
    {
        for (var i = 0; i < 100 && !(until?.Invoke() ?? false); i++)
        {
            await Task.Delay(10);
        }
    }

    private sealed class PipelineOptions : ClientOptions;

    private sealed class CountingHandler : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private int _count;
        private bool _throttle;
        private string? _retryAfter;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        public void ThrottleNext(int? retryAfterSeconds) => ThrottleNext(retryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public void ThrottleNext(string? retryAfter)
        {
            lock (_gate)
            {
                (_throttle, _retryAfter) = (true, retryAfter);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool throttle;
            string? retryAfter;
            lock (_gate)
            {
                _count++;
                (throttle, retryAfter) = (_throttle, _retryAfter);
                _throttle = false;
            }

            if (!throttle)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
            }

            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}") };
            if (retryAfter is not null)
            {
                answer.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return Task.FromResult(answer);
        }
    }
}
