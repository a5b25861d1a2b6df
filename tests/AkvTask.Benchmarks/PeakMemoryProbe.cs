using System.Globalization;

namespace AkvTask.Benchmarks;

/// <summary>
/// Watches the task's own process (the .NET program that node starts) and keeps the highest VmHWM (peak resident
/// set) the kernel reported for it. VmHWM is itself a high-water mark kept by the kernel, so sampling every
/// couple of milliseconds misses only growth in the program's last couple of milliseconds, after its last sample.
/// </summary>
internal sealed class PeakMemoryProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);

    private readonly int _rootPid;
    private readonly string _processName;
    private readonly TimeSpan _limit;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public PeakMemoryProbe(int rootPid, string processName, TimeSpan limit)
    {
        _rootPid = rootPid;
        _processName = processName;
        _limit = limit;
        _thread = new Thread(Watch) { IsBackground = true, Name = "peak-memory-probe" };
        _thread.Start();
    }

    /// <summary>The highest VmHWM seen, in KiB; null if the process was never found (it ended first, or no /proc).</summary>
    public long? PeakKiB { get; private set; }

    /// <summary>Samples taken of the task's process.</summary>
    public int Samples { get; private set; }

    /// <summary>Waits for the watched process to be gone (its last sample taken) and returns.</summary>
    public void Finish()
    {
        if (!_thread.Join(TimeSpan.FromSeconds(2)))
        {
            _stopping = true;
            _thread.Join();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Watch()
    {
        var started = Environment.TickCount64;
        bool TimeLeft() => !_stopping && Environment.TickCount64 - started < _limit.TotalMilliseconds;

        int? pid = null;
        while (pid is null && TimeLeft())
        {
            pid = FindDescendant(_rootPid, depth: 4);
            if (pid is null)
            {
                if (!Directory.Exists($"/proc/{_rootPid}"))
                {
                    return;
                }

                Thread.Sleep(Interval);
            }
        }

        while (pid is { } watched && TimeLeft())
        {
            var hwm = ReadHighWaterMarkKiB(watched);
            if (hwm is null)
            {
                return; // gone (or a zombie, whose memory is already released)
            }

            Samples++;
            PeakKiB = Math.Max(PeakKiB ?? 0, hwm.Value);
            Thread.Sleep(Interval);
        }
    }

    private int? FindDescendant(int pid, int depth)
    {
        if (depth == 0)
        {
            return null;
        }

        foreach (var child in Children(pid))
        {
            if (IsNamed(child, _processName))
            {
                return child;
            }

            if (FindDescendant(child, depth - 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var thread in threads)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(thread, "children"));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    yield return id;
                }
            }
        }
    }

    private static bool IsNamed(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == name;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static long? ReadHighWaterMarkKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var number = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
