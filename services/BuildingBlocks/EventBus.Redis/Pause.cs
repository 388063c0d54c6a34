namespace EventBus.Redis;

internal static class Pause
{
    /// <summary>Waits, returning early (without throwing) when the host stops.</summary>
    public static async Task ForAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller's loop ends.
        }
    }

    /// <summary>100 ms, doubling with each failure in a row, at most 5 s.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));
}
