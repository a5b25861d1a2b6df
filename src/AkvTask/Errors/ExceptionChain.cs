namespace AkvTask.Errors;

/// <summary>
/// An exception and the ones inside it, outermost first: the one walk every room uses to read a failure
/// (the SDK and Azure.Identity wrap the cause that matters one or more levels down).
/// </summary>
internal static class ExceptionChain
{
    /// <summary>Deeper than any real wrapping; keeps a pathological chain from walking forever.</summary>
    private const int DeepestLevel = 64;

    /// <summary>The exception and its inner exceptions (an AggregateException's first one), outermost first.</summary>
    public static IEnumerable<Exception> Chain(this Exception exception)
    {
        var level = 0;
        for (Exception? e = exception; e is not null && level < DeepestLevel; e = e.InnerException, level++)
        {
            yield return e;
        }
    }

    /// <summary>The outermost exception of the chain that is a <typeparamref name="T"/>, if any.</summary>
    public static T? Find<T>(this Exception exception) where T : Exception => exception.Chain().OfType<T>().FirstOrDefault();
}
