using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace AkvTask.Tests.Fakes;

/// <summary>An HTTP answer as the Azure SDK presents it, for building the exceptions the vault client throws.</summary>
internal sealed class FakeResponse(int status, string body = "", params (string Name, string Value)[] headers) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => status.ToString();

    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override string ClientRequestId { get; set; } = "test";

    public override void Dispose()
    {
    }

    public static RequestFailedException Failure(int status, string body = "", params (string, string)[] headers) =>
        new(new FakeResponse(status, body, headers));

    protected override bool ContainsHeader(string name) => headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}
