using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.Secrets;

/// <summary>
/// Reads the secrets a filter selects. Values are requested by a fixed number of workers as soon as their
/// names are known (while the listing goes on), so one slow answer holds up only its own worker.
/// A failure of one secret is recorded and the others go on; a failure to authenticate ends the fetch.
/// </summary>
internal sealed class SecretFetcher(SecretClient client, FetchOptions options)
{
    public async Task<FetchReport> FetchAsync(SecretFilter filter, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var names = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Concurrency * 4) { SingleWriter = true });
        var fetched = new ConcurrentBag<FetchedSecret>();
        var failures = new ConcurrentBag<SecretFailure>();
        var skipped = new List<SkippedSecret>();
        Exception? fatal = null;

        async Task Guard(Func<Task> work)
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException)
            {
                Interlocked.CompareExchange(ref fatal, e, null);
                await abort.CancelAsync();
            }
        }

        VaultFailure? listingFailure = null;
        var producer = Guard(async () =>
        {
            try
            {
                listingFailure = await ProduceNamesAsync(filter, names.Writer, skipped, abort.Token);
            }
            finally
            {
                names.Writer.TryComplete();
            }
        });

        var workers = Enumerable.Range(0, Math.Max(1, options.Concurrency))
            .Select(_ => Guard(() => FetchValuesAsync(names.Reader, fetched, failures, abort.Token)))
            .ToArray();

        await Task.WhenAll([producer, .. workers]);
        if (fatal is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new FetchReport(
            fetched.OrderBy(secret => secret.Name, StringComparer.OrdinalIgnoreCase).ThenBy(secret => secret.Name, StringComparer.Ordinal).ToList(),
            skipped.OrderBy(secret => secret.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            failures.OrderBy(failure => failure.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            listingFailure);
    }

    private async Task<VaultFailure?> ProduceNamesAsync(
        SecretFilter filter, ChannelWriter<string> names, List<SkippedSecret> skipped, CancellationToken cancellationToken)
    {
        if (!filter.All)
        {
            foreach (var name in filter.Names)
            {
                await names.WriteAsync(name, cancellationToken);
            }

            return null;
        }

        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken))
            {
                if (properties.Enabled != true)
                {
                    skipped.Add(new SkippedSecret(properties.Name, "disabled"));
                    continue;
                }

                await names.WriteAsync(properties.Name, cancellationToken);
            }

            return null;
        }
        catch (Exception e) when (!IsFatal(e) && !cancellationToken.IsCancellationRequested)
        {
            return VaultFailure.From(e);
        }
    }

    private async Task FetchValuesAsync(
        ChannelReader<string> names, ConcurrentBag<FetchedSecret> fetched, ConcurrentBag<SecretFailure> failures, CancellationToken cancellationToken)
    {
        await foreach (var name in names.ReadAllAsync(cancellationToken))
        {
            try
            {
                KeyVaultSecret secret = await client.GetSecretAsync(name, version: null, cancellationToken);
                fetched.Add(new FetchedSecret(
                    secret.Name, secret.Value ?? string.Empty, secret.Properties.Version, secret.Properties.ContentType, secret.Properties.ExpiresOn));
            }
            catch (Exception e) when (!IsFatal(e) && !cancellationToken.IsCancellationRequested)
            {
                failures.Add(new SecretFailure(name, VaultFailure.From(e)));
            }
        }
    }

    private static bool IsFatal(Exception e) => e is AuthenticationFailedException or CredentialUnavailableException;
}
