namespace AkvTask.Benchmarks;

/// <summary>One run of the step as the agent would start it: what it printed and what it cost.</summary>
/// <param name="LaunchedAt">Just before <c>node task/run.js</c> was started (the fake's request times are on the same clock).</param>
/// <param name="Wall">From just before the start to the exit of node (and so of the task).</param>
/// <param name="TaskPeakKiB">Peak resident set of the task's .NET process, sampled from /proc (see <see cref="PeakMemoryProbe"/>).</param>
/// <param name="Cpu">CPU time (user and system) of node and the task together, from wait4 through /usr/bin/time.</param>
/// <param name="TreePeakKiB">
/// The kernel's own peak resident set of the largest process of the step (node or the task), from wait4 through
/// /usr/bin/time: an upper bound of <paramref name="TaskPeakKiB"/> that no sampling can miss. Null without /usr/bin/time.
/// </param>
internal sealed record StepRun(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    DateTimeOffset LaunchedAt,
    TimeSpan Wall,
    long? TaskPeakKiB,
    long? TreePeakKiB,
    TimeSpan? Cpu,
    bool TimedOut);
