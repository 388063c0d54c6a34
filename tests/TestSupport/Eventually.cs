namespace TestSupport;

public static class Eventually
{
    /// <summary>
    /// Polls until the condition holds; fails with <paramref name="what"/> after the timeout. The pause doubles
    /// from 25 ms to 250 ms: quick when the condition soon holds, and a long wait through a gateway stays well
    /// within a client's rate limit (200 requests in 10 s).
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var pause = 25;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {seconds} s: {what}");
            }

            await Task.Delay(pause);
            pause = Math.Min(pause * 2, 250);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, double seconds = 10) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);

    /// <summary>Polls until a value read satisfies the condition, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, double seconds = 10)
    {
        var value = await read();
        await HoldsAsync(async () => condition(value = await read()), what, seconds);
        return value;
    }
}
