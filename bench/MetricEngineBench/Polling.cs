namespace MetricEngineBench;

/// <summary>Waits for what the system shows to catch up with what was sent.</summary>
internal static class Polling
{
    /// <summary>
    /// Asks <paramref name="condition"/> every <paramref name="pause"/> until it holds; a failed read is a no (after Plans
    /// continues, the gateway's health check takes it back a moment later). Throws after <paramref name="timeout"/>.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan pause, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await HoldsAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} within {timeout}.");
            }

            await Task.Delay(pause);
        }
    }

    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
