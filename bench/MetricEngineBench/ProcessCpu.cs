using System.Globalization;

namespace MetricEngineBench;

/// <summary>
/// CPU time read from /proc, so that a figure holds whatever else the machine runs: the time a process
/// (or a process and its children, as PostgreSQL's server and its backends) spent on the processors.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc's times (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process's own user and system time.</summary>
    public static TimeSpan Of(int pid) => Ticks(Stat(pid), children: false);

    /// <summary>The process's time, its live children's, and that of the children it has already reaped.</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Ticks(Stat(pid), children: true);
        foreach (var child in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)))
        {
            if (TryStat(int.Parse(child!, CultureInfo.InvariantCulture)) is { } stat && stat[1] == pid.ToString(CultureInfo.InvariantCulture))
            {
                total += Ticks(stat, children: false);
            }
        }

        return total;
    }

    private static TimeSpan Ticks(string[] stat, bool children)
    {
        // After the command's closing parenthesis: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
        var ticks = long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
        if (children)
        {
            ticks += long.Parse(stat[13], CultureInfo.InvariantCulture) + long.Parse(stat[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[] Stat(int pid) => TryStat(pid) ?? throw new InvalidOperationException($"No process {pid}.");

    private static string[]? TryStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
