namespace EventBus.Redis;

/// <summary>Wakes a waiting loop; notifications that arrive while it is busy collapse into one wake-up.</summary>
internal class Signal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Notified by another thread at the same moment; once is enough.
            }
        }
    }

    /// <summary>Waits for a notification, or for <paramref name="timeout"/> to pass.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
