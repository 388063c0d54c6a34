using System.Diagnostics;
using System.Globalization;

namespace ReplicaThroughput;

/// <summary>
/// A replica of deploy/run.sh's topology stopped (TERM, a graceful shutdown) and started again as it
/// was: the same command line, environment, working folder and log, read from /proc before the stop.
/// The restarted process is the bench's, not run.sh's, so the bench stops it when it ends.
/// </summary>
internal sealed class StoppedReplica
{
    private readonly string name;
    private readonly string runDirectory;
    private readonly string[] commandLine;
    private readonly Dictionary<string, string> environment;
    private readonly string workingDirectory;

    private StoppedReplica(string name, string runDirectory, int pid)
    {
        this.name = name;
        this.runDirectory = runDirectory;
        commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0]).ToDictionary(group => group.Key, group => group.Last()[1]);
        workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)!.FullName;
    }

    /// <summary>The replica's address, from the ASPNETCORE_URLS it was started with.</summary>
    public Uri Address => new(environment["ASPNETCORE_URLS"].Split(';')[0]);

    /// <summary>Stops the replica named NAME (its pid file in the run folder) and waits until it is gone.</summary>
    public static async Task<StoppedReplica> StopAsync(string name, string runDirectory)
    {
        var pid = PidOf(name, runDirectory);
        var stopped = new StoppedReplica(name, runDirectory, pid);
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // Gone, or a zombie until deploy/run.sh, its parent, reaps it.
        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                throw new TimeoutException($"{name} (process {pid}) did not stop within 30 s of TERM.");
            }

            await Task.Delay(100);
        }

        return stopped;
    }

    /// <summary>Starts the replica again as it was, and waits for its /health/ready.</summary>
    public async Task<Process> StartAsync(HttpClient probe)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            ArgumentList = { "-c", "exec \"$@\" >>\"$REPLICA_LOG\" 2>&1", "sh" },
        };
        foreach (var argument in commandLine)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["REPLICA_LOG"] = Path.Combine(Path.GetDirectoryName(runDirectory)!, "logs", name + ".log");
        var process = Process.Start(start)!;
        await File.WriteAllTextAsync(Path.Combine(runDirectory, name + ".pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        var giveUpAt = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var ready = await probe.GetAsync(new Uri(Address, "/health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer within the probe's timeout: look again.
            }

            if (process.HasExited || DateTime.UtcNow > giveUpAt)
            {
                throw new InvalidOperationException($"{name} did not become ready again; see its log.");
            }

            await Task.Delay(200);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static int PidOf(string name, string runDirectory) =>
        int.Parse(File.ReadAllText(Path.Combine(runDirectory, name + ".pid")).Trim(), CultureInfo.InvariantCulture);
}
