using Mediator;
using SharedKernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Plans.Api.Seeds;

public static class SeedsApi
{
    public static IServiceCollection AddPlanSeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddHostedService<SeedOnStartup>();
        return services;
    }

    public static RouteGroupBuilder MapSeedsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/seeds").WithTags("Seeds");
        group.MapPost("/load", Load).WithName("LoadSeeds")
            .WithSummary("Load the source plans from the seeds folder now (idempotent; the service also does it at start-up)")
            .RequireAuthorization(Scopes.Admin);
        return group;
    }

    private static async Task<Ok<SeedReport>> Load(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new LoadSeeds(), ct));
}

/// <summary>Loads the seeds after the migrations, before the service takes requests.</summary>
internal sealed class SeedOnStartup(IServiceProvider services, IOptions<SeedOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new LoadSeeds(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
