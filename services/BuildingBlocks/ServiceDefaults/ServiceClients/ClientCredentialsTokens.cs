using System.Collections.Concurrent;

namespace ServiceDefaults.ServiceClients;

/// <summary>
/// The tokens of every client-credentials HTTP client of the process, kept until shortly before they
/// expire. A singleton: the handlers themselves are recycled by the HTTP client factory, the tokens
/// outlive them. One fetch at a time per client, so that a burst of calls asks for one token.
/// </summary>
public sealed class ClientCredentialsTokens(TimeProvider clock)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The client's current token, or a new one from <paramref name="fetch"/>.</summary>
    public async Task<string> GetAsync(string client, Func<CancellationToken, Task<IssuedToken>> fetch, CancellationToken ct)
    {
        var entry = entries.GetOrAdd(client, _ => new Entry());
        if (entry.Current is { } cached && clock.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await entry.Gate.WaitAsync(ct);
        try
        {
            if (entry.Current is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token;
            }

            var issued = await fetch(ct);
            var renewBefore = issued.Lifetime > RenewBefore * 2 ? RenewBefore : issued.Lifetime / 2;
            entry.Current = new CachedToken(issued.Token, clock.GetUtcNow() + issued.Lifetime - renewBefore);
            return issued.Token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the client's current one (a target refused it).</summary>
    public void Invalidate(string client, string token)
    {
        if (entries.TryGetValue(client, out var entry) && entry.Current?.Token == token)
        {
            entry.Current = null;
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile CachedToken? Current;
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);
}

/// <summary>An access token as the token endpoint issued it.</summary>
public sealed record IssuedToken(string Token, TimeSpan Lifetime);
