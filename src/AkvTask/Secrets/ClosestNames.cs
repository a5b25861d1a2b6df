namespace AkvTask.Secrets;

/// <summary>"Did you mean": the existing names nearest to a name that does not exist, by edit distance.</summary>
internal static class ClosestNames
{
    public static IReadOnlyList<string> To(string name, IEnumerable<string> existing, int count = 3)
    {
        var limit = Math.Max(2, name.Length / 3);
        return existing
            .Select(candidate => (Candidate: candidate, Distance: Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(pair => pair.Distance <= limit)
            .OrderBy(pair => pair.Distance)
            .ThenBy(pair => pair.Candidate, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(pair => pair.Candidate)
            .ToList();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
