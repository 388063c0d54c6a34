using Mediator;
using SharedKernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceDefaults.Hosting;

namespace Plans.Api.Seeds;

public static class SeedsApi
{
    public static IServiceCollection AddPlanSeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddStartupStep<SeedOnStartup>();
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

/// <summary>Loads the seeds once the service listens; it is ready when they are in.</summary>
internal sealed class SeedOnStartup(IServiceProvider services, IOptions<SeedOptions> options) : IStartupStep
{
    public string Name => "loading the seeds";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new LoadSeeds(), cancellationToken);
    }
}
