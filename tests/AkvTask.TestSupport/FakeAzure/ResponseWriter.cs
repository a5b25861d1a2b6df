using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>Writes the fake services' answers, including the broken ones that faults ask for.</summary>
internal static class ResponseWriter
{
    private const string DroppedKey = "fake-azure.dropped";
    private const string InfoKey = "fake-azure.info";

    // Azure's services send non-ASCII text as UTF-8, not as \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="shape">A <see cref="FaultActionKind.MalformedBody"/> or <see cref="FaultActionKind.StallBody"/> action, or null.</param>
    public static async Task WriteAsync(HttpContext context, int status, byte[] body, FaultAction? shape, CancellationToken cancellationToken)
    {
        if (shape?.Kind == FaultActionKind.MalformedBody)
        {
            body = body[..(body.Length / 2)];
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;

        if (shape?.Kind == FaultActionKind.StallBody)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            await StallAsync(context, shape.Duration, cancellationToken);
            return;
        }

        await context.Response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Carries out an action that replaces the normal answer.</summary>
    /// <returns>False for actions that only shape the normal answer (malformed or stalled body): write it with <see cref="WriteAsync"/>.</returns>
    public static async Task<bool> TryAnswerAsync(HttpContext context, FaultAction action, Func<FaultAction, byte[]> errorBody, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case FaultActionKind.Abort:
                Drop(context);
                return true;
            case FaultActionKind.Stall:
                await StallAsync(context, action.Duration, cancellationToken);
                return true;
            case FaultActionKind.Respond or FaultActionKind.Throttle or FaultActionKind.Forbid:
                if (action.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var body = action.Body is null ? errorBody(action) : System.Text.Encoding.UTF8.GetBytes(action.Body);
                await WriteAsync(context, action.Status, body, null, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Waits, then drops the connection, unless the client gives up first.</summary>
    public static async Task StallAsync(HttpContext context, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            Drop(context);
        }
    }

    public static void Drop(HttpContext context)
    {
        context.Items[DroppedKey] = true;
        context.Abort();
    }

    public static bool WasDropped(HttpContext context) => context.Items.ContainsKey(DroppedKey);

    /// <summary>Lets a service tell the request log what it found out about a request (kind, vault, secret, caller).</summary>
    public static void Describe(HttpContext context, RequestInfo info) => context.Items[InfoKey] = info;

    public static RequestInfo? DescriptionOf(HttpContext context) => context.Items[InfoKey] as RequestInfo;
}
