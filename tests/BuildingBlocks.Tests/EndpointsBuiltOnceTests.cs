using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Hosting;

namespace BuildingBlocks.Tests;

/// <summary>
/// A service's endpoints are built once, at start-up, whoever reads them (<see cref="EndpointsBuiltOnce"/>), and on
/// another thread as soon as they are mapped. A convention of the endpoint counts its builds, or notes the thread: it
/// runs each time the framework builds the endpoint.
/// </summary>
public sealed class EndpointsBuiltOnceTests
{
    [Fact]
    public async Task The_endpoints_are_built_once_for_authorization_and_routing_and_the_first_request_builds_none()
    {
        var (builds, routed, listed) = await BuildsAsync(once: true);

        builds.Should().Be((1, 1), "the authorization middleware built them at start-up and routing read the same ones");
        routed.Should().BeSameAs(listed, "routing matched the endpoint the service's data source lists");
    }

    [Fact]
    public async Task Left_to_the_framework_the_first_request_builds_every_endpoint_again()
    {
        var (builds, routed, listed) = await BuildsAsync(once: false);

        builds.Should().Be((1, 2), "why EndpointsBuiltOnce exists: routing builds its own copy at the first request");
        routed.Should().NotBeSameAs(listed);
    }

    [Fact]
    public async Task Once_mapped_the_endpoints_are_built_on_another_thread_before_the_host_starts()
    {
        await using var app = Authorized();
        var builds = 0;
        var builtOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.MapGet("/ahead", () => "ahead").Add(_ =>
        {
            Interlocked.Increment(ref builds);
            builtOn.TrySetResult(Environment.CurrentManagedThreadId);
        });

        app.BuildEndpointsOnce();

        var thread = await builtOn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        thread.Should().NotBe(Environment.CurrentManagedThreadId, "the service's own thread goes on to start the host");
        await app.StartAsync();
        builds.Should().Be(1, "the host's start read the endpoints built ahead");
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.Should().ContainSingle(
            e => ((RouteEndpoint)e).RoutePattern.RawText == "/ahead");
    }

    [Fact]
    public async Task An_endpoint_that_cannot_be_built_still_stops_the_start()
    {
        await using var app = Authorized();
        var builds = 0;
        var aheadAttempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.MapGet("/broken", () => "broken").Add(_ =>
        {
            Interlocked.Increment(ref builds);
            aheadAttempted.TrySetResult();
            throw new InvalidOperationException("The endpoint cannot be built.");
        });

        app.BuildEndpointsOnce();
        await aheadAttempted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await app.Invoking(a => a.StartAsync()).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("The endpoint cannot be built.", "the host's own read builds them again after the build ahead failed");
        builds.Should().Be(2, "the build ahead failed and cached nothing, so the host's start built the endpoint again");
    }

    /// <summary>The endpoint's builds once started and after a first request, the endpoint routed and the one listed in the services.</summary>
    private static async Task<((int Started, int Requested) Builds, Endpoint? Routed, Endpoint Listed)> BuildsAsync(bool once)
    {
        Endpoint? routed = null;
        await using var app = Authorized(endpoint => routed = endpoint);
        var builds = 0;
        app.MapGet("/counted", () => "counted").Add(_ => Interlocked.Increment(ref builds));
        if (once)
        {
            app.BuildEndpointsOnce();
        }

        await app.StartAsync();
        var started = builds;
        (await app.GetTestClient().GetStringAsync("/counted")).Should().Be("counted");
        var listed = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.Single();
        return ((started, builds), routed, listed);
    }

    /// <summary>An application on the test server that routes and authorizes; <paramref name="routed"/> is given each request's endpoint.</summary>
    private static WebApplication Authorized(Action<Endpoint?>? routed = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        if (routed is not null)
        {
            app.Use(async (context, next) =>
            {
                await next(context);
                routed(context.GetEndpoint());
            });
        }

        app.UseRouting();
        app.UseAuthorization();
        return app;
    }
}
