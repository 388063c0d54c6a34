using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ServiceDefaults.Hosting;

/// <summary>
/// Builds the service's endpoints once. ASP.NET Core builds every minimal-API endpoint (its request delegate, by
/// RequestDelegateFactory) each time the data source it was mapped in is read, and two readers each keep their own copy:
/// the authorization middleware's policy cache at start-up, then routing at the first request, which waited on
/// building them all again (about 200 ms of Plans' first request, ReadyToRun). One <see cref="CompositeEndpointDataSource"/>
/// in place of the mapped sources keeps what it built, so both read the same endpoints, built at start-up.
/// It builds them on another thread as soon as they are mapped, while the host starts the database (the model, the
/// migrations' history, the personal-data keys): the authorization middleware, built after that, finds them built, or
/// waits for the build under the data source's lock. Built by the host, they were 460 of the 554 ms its web host's
/// start took after the database (dotnet-trace of Plans, ReadyToRun, which the trace slows).
/// </summary>
public static class EndpointsBuiltOnce
{
    /// <summary>Call when every endpoint is mapped, before the application runs: it starts building them.</summary>
    public static WebApplication BuildEndpointsOnce(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var mapped = new CompositeEndpointDataSource([.. sources]);
        sources.Clear();
        sources.Add(mapped);
        // A build that throws leaves nothing built: the host's own read builds them again and fails the start with the
        // same exception, so this task's fault is left unobserved.
        _ = Task.Run(() => mapped.Endpoints);
        return app;
    }
}
