using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Hosting;

/// <summary>
/// Gives the memory a batch grew into back to the system once the batch is done. A batch (an import of a large file, a
/// build of a precomputed table) grows the GC's heap by tens of MB, and the server GC keeps those regions committed,
/// idle, for the next burst: the Enterprises service idled at 292 MB after building the cultivation pool of a million
/// enterprises, where it had idled at 256 MB before. One collection that compacts and decommits what it frees returns
/// them; it costs milliseconds for a service's heap (tens of MB live), against seconds to minutes for the batch, and it
/// runs after the answer has been sent. The outbox relay does the same once it has relayed a backlog of events.
/// </summary>
public static class BatchMemory
{
    /// <summary>The endpoint runs a batch: after each answer to it is sent, the memory it freed is given back.</summary>
    public static TBuilder ReleasesMemoryAfterwards<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.OnCompleted(static () =>
            {
                Release();
                return Task.CompletedTask;
            });
            return await next(context);
        });

    private static long releases;

    /// <summary>The releases this process has run: a collection the runtime starts itself is not one.</summary>
    public static long Releases => Interlocked.Read(ref releases);

    /// <summary>A blocking, compacting collection of every generation that decommits the memory it frees.</summary>
    public static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref releases);
    }
}
