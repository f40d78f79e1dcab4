using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Cores used over a span by this process (the bench with the instances it hosts) and by PostgreSQL's processes:
/// where a rate's limit lies (two cores busy: the machine; less: waiting, e.g. on a lock).
/// </summary>
internal sealed class CpuShare
{
    private readonly double _self = SelfSeconds();
    private readonly double _postgres = PostgresSeconds();
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public (double Self, double Postgres) Cores()
    {
        var seconds = _watch.Elapsed.TotalSeconds;
        return ((SelfSeconds() - _self) / seconds, (PostgresSeconds() - _postgres) / seconds);
    }

    private static double SelfSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>utime + stime of every live process named postgres, from /proc (clock ticks: 100 a second on Linux).</summary>
    private static double PostgresSeconds()
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks / 100.0;
    }
}
