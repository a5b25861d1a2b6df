using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.Secrets;

/// <summary>
/// Reads the secrets a filter selects. Values are requested by a fixed number of workers as soon as their
/// names are known (while the listing goes on), so one slow answer holds up only its own worker.
/// A failure of one secret is recorded and the others go on; a failure to sign in ends the fetch.
/// </summary>
internal sealed class SecretFetcher
{
    private readonly SignInGate _signIn = new();
    private readonly ThrottlePause _throttle;
    private readonly SecretClient _client;
    private readonly FetchOptions _options;
    private readonly TimeProvider _clock;
    private int _found;
    private int _settled;
    private int _allFound;

    /// <param name="createClient">
    /// Makes the vault client with the fetcher's own sign-in gate and throttle pause in its pipeline (<see cref="VaultClientFactory"/>).
    /// </param>
    public SecretFetcher(Func<SignInGate, ThrottlePause, SecretClient> createClient, FetchOptions options, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _throttle = new ThrottlePause(_clock);
        _client = createClient(_signIn, _throttle);
        _options = options;
    }

    /// <summary>How far the fetch has come; safe to ask from another thread at any time.</summary>
    public FetchProgress Progress => new(
        Volatile.Read(ref _settled), Volatile.Read(ref _found), Volatile.Read(ref _allFound) == 1, _throttle.RemainingPause());

    public async Task<FetchReport> FetchAsync(SecretSelection selection, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var items = Channel.CreateBounded<FetchItem>(new BoundedChannelOptions(_options.Concurrency * 4) { SingleWriter = true });
        var fetched = new ConcurrentBag<FetchedSecret>();
        var failures = new ConcurrentBag<SecretFailure>();
        var listing = new Listing();
        Exception? fatal = null;

        async Task Guard(Func<Task> work)
        {
            try
            {
                await work();
            }
            catch (Exception e) when (IsFatal(e))
            {
                Interlocked.CompareExchange(ref fatal, e, null);
                await abort.CancelAsync();
            }
        }

        var producer = Guard(async () =>
        {
            try
            {
                await ProduceAsync(selection, items.Writer, listing, abort.Token);
            }
            finally
            {
                items.Writer.TryComplete();
                Volatile.Write(ref _allFound, 1);
            }
        });

        var workers = Enumerable.Range(0, Math.Max(1, _options.Concurrency))
            .Select(_ => Guard(() => ConsumeAsync(items.Reader, fetched, failures, abort.Token)))
            .ToArray();

        try
        {
            await Task.WhenAll([producer, .. workers]);
        }
        catch (OperationCanceledException) when (fatal is not null)
        {
            // The other workers stopped because signing in failed: that failure is the one to report.
        }

        if (fatal is not null)
        {
            ExceptionDispatchInfo.Throw(fatal);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var suggested = await SuggestAsync(failures, listing, cancellationToken);
        return new FetchReport(
            fetched.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Version, StringComparer.Ordinal).ToList(),
            listing.Skipped.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            suggested.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            listing.Failure);
    }

    private async Task ProduceAsync(SecretSelection selection, ChannelWriter<FetchItem> items, Listing listing, CancellationToken cancellationToken)
    {
        // Named secrets first: they need no listing, and the identity may not even have the List permission.
        foreach (var request in selection.Requests)
        {
            await items.WriteAsync(new FetchItem(request.Name, request.Version, request, default), cancellationToken);
            Interlocked.Increment(ref _found);
        }

        if (!selection.NeedsListing)
        {
            return;
        }

        try
        {
            var now = _clock.GetUtcNow();
            await foreach (var properties in _client.GetPropertiesOfSecretsAsync(cancellationToken))
            {
                listing.Names.Add(properties.Name);
                if (selection.ForListed(properties.Name) is not { } use)
                {
                    continue;
                }

                if (SkipReason(properties, now) is { } reason)
                {
                    listing.Skipped.Add(new SkippedSecret(properties.Name, reason));
                    continue;
                }

                await items.WriteAsync(new FetchItem(properties.Name, null, null, use), cancellationToken);
                Interlocked.Increment(ref _found);
            }

            listing.Complete = true;
        }
        catch (Exception e) when (!IsFatal(e) && !cancellationToken.IsCancellationRequested)
        {
            listing.Failure = VaultFailure.From(e);
        }
    }

    private static string? SkipReason(SecretProperties properties, DateTimeOffset now) => properties switch
    {
        { Enabled: not true } => "disabled",
        { ExpiresOn: { } expires } when expires <= now => $"expired on {expires:yyyy-MM-dd HH:mm} UTC",
        { NotBefore: { } notBefore } when notBefore > now => $"not valid before {notBefore:yyyy-MM-dd HH:mm} UTC",
        _ => null,
    };

    private async Task ConsumeAsync(
        ChannelReader<FetchItem> items,
        ConcurrentBag<FetchedSecret> fetched,
        ConcurrentBag<SecretFailure> failures,
        CancellationToken cancellationToken)
    {
        await foreach (var item in items.ReadAllAsync(cancellationToken))
        {
            try
            {
                KeyVaultSecret secret;
                await _signIn.WaitTurnAsync(cancellationToken);
                try
                {
                    secret = await _client.GetSecretAsync(item.Name, item.Version, cancellationToken);
                }
                finally
                {
                    _signIn.Open();
                }

                var request = item.Request;
                IReadOnlyList<string> variables = request is null ? item.Listed.AsVariable ? [secret.Name] : [] : request.Variables(secret.Name);
                IReadOnlyList<string> files = request is null ? item.Listed.AsFile ? [secret.Name] : [] : request.Files(secret.Name);
                fetched.Add(new FetchedSecret(
                    secret.Name,
                    secret.Value ?? string.Empty,
                    secret.Properties.Version,
                    secret.Properties.ContentType,
                    secret.Properties.NotBefore,
                    secret.Properties.ExpiresOn,
                    variables,
                    Requested: request is not null) { Files = files });
            }
            catch (Exception e) when (!IsFatal(e) && !cancellationToken.IsCancellationRequested)
            {
                failures.Add(new SecretFailure(item.Request?.Entry ?? item.Name, VaultFailure.From(e), Requested: item.Request is not null));
            }

            Interlocked.Increment(ref _settled);
        }
    }

    /// <summary>
    /// For secrets that do not exist, the closest existing names. The vault is listed only now, after a
    /// not-found answer, and a vault that may not be listed simply gets no suggestion.
    /// </summary>
    private async Task<IEnumerable<SecretFailure>> SuggestAsync(IEnumerable<SecretFailure> failures, Listing listing, CancellationToken cancellationToken)
    {
        var all = failures.ToList();
        if (!all.Any(f => f.Failure.Kind == VaultFailureKind.NotFound))
        {
            return all;
        }

        var names = listing.Complete ? listing.Names : await TryListNamesAsync(cancellationToken);
        return all.Select(f => f.Failure.Kind == VaultFailureKind.NotFound
            ? f with { Suggestions = ClosestNames.To(f.Name.Split('/')[0], names) }
            : f);
    }

    private async Task<IReadOnlyCollection<string>> TryListNamesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var properties in _client.GetPropertiesOfSecretsAsync(cancellationToken))
            {
                names.Add(properties.Name);
            }

            return names;
        }
        catch (Exception e) when (!IsFatal(e) && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    private static bool IsFatal(Exception e) => e is AuthenticationFailedException or CredentialUnavailableException;

    private sealed record FetchItem(string Name, string? Version, SecretRequest? Request, ListedUse Listed);

    /// <summary>What the listing found; written by the producer alone, read after it has finished.</summary>
    private sealed class Listing
    {
        public List<string> Names { get; } = [];

        public List<SkippedSecret> Skipped { get; } = [];

        public bool Complete { get; set; }

        public VaultFailure? Failure { get; set; }
    }
}
