using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Hosting;

namespace Plans.FunctionalTests;

/// <summary>
/// The service listens before its start-up work (the seeds, task numbering) and is ready only once it
/// is done: <c>/health/live</c> answers at once, <c>/health/ready</c> is 503 naming the step running.
/// </summary>
public class StartupReadinessTests
{
    [Fact]
    public async Task Listens_at_once_and_is_ready_only_when_the_start_up_steps_are_done()
    {
        using var factory = new HeldStartupFactory();
        var client = factory.CreateClient();

        var live = await (await client.GetAsync("/health/live")).JsonAsync(HttpStatusCode.OK);
        live["status"]!.GetValue<string>().Should().Be("Healthy");
        await factory.Step.Started.WaitAsync(TimeSpan.FromSeconds(30));
        var starting = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.ServiceUnavailable);
        starting["checks"]!["startup"]!["status"]!.GetValue<string>().Should().Be("Unhealthy");
        starting["checks"]!["startup"]!["description"]!.GetValue<string>().Should().Be("Starting: a held step");
        (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "the seeds load after the steps registered before them, so none is in yet");

        factory.Step.Release();
        await factory.Services.GetRequiredService<StartupGate>().WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var ready = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);
        ready["checks"]!["startup"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        (await client.GetAsync("/api/v1/plans/TJ-STI-14FYP")).StatusCode.Should().Be(HttpStatusCode.OK, "the seeds are in once ready");
    }

    [Fact]
    public async Task A_failing_step_stops_the_service_and_it_never_reports_ready()
    {
        using var factory = new HeldStartupFactory();
        var client = factory.CreateClient();
        // Resolved before the failure: the service stops on it, and its container may be gone by the time the test looks.
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var gate = factory.Services.GetRequiredService<StartupGate>();
        await factory.Step.Started.WaitAsync(TimeSpan.FromSeconds(30));

        factory.Step.Fail(new InvalidOperationException("the seeds folder is unreadable"));

        var failed = () => gate.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await failed.Should().ThrowAsync<InvalidOperationException>().WithMessage("the seeds folder is unreadable");
        lifetime.ApplicationStopping.IsCancellationRequested.Should().BeTrue("a service that cannot finish its start-up stops");
        Environment.ExitCode = 0;
    }

    /// <summary>The seeded service with a first start-up step that waits until the test releases it.</summary>
    private sealed class HeldStartupFactory : SeededPlansApiFactory
    {
        public HeldStep Step { get; } = new();

        protected override bool WaitsUntilReady => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var others = services.Where(d => d.ServiceType == typeof(IStartupStep)).ToList();
                foreach (var other in others)
                {
                    services.Remove(other);
                }

                services.AddSingleton<IStartupStep>(Step);
                foreach (var other in others)
                {
                    services.Add(other);
                }
            });
        }
    }

    private sealed class HeldStep : IStartupStep
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "a held step";

        public Task Started => started.Task;

        public void Release() => released.TrySetResult();

        public void Fail(Exception failure) => released.TrySetException(failure);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }
    }
}
