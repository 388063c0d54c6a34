namespace ServiceDefaults.Hosting;

/// <summary>
/// Durations a setting makes the process wait for or time by: a poll's delay, a lease renewed every third of it, a timer's
/// period. Task.Delay and SemaphoreSlim refuse a wait longer than int.MaxValue milliseconds (about 24 days) and a timer a
/// period longer than about 49 days, so a setting past them fails every wait or every timer at run time, not at start.
/// The settings that are such durations are checked at start against <see cref="IsWait"/>.
/// </summary>
public static class Waits
{
    /// <summary>Positive and at most a day: well inside what the runtime's waits take, and longer than any the services need.</summary>
    public static bool IsWait(TimeSpan duration) => duration > TimeSpan.Zero && duration <= TimeSpan.FromDays(1);
}
