using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using SharedKernel.Errors;

namespace Platforms.Api.Platforms;

/// <summary>GET /api/v1/platforms/{id}.</summary>
public sealed record GetPlatform(Guid Id) : IQuery<PlatformResult>;

internal sealed class GetPlatformHandler(PlatformsDbContext db, PlatformViews views) : IQueryHandler<GetPlatform, PlatformResult>
{
    public async ValueTask<PlatformResult> Handle(GetPlatform query, CancellationToken cancellationToken)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Platform", query.Id.ToString());
        return new PlatformResult(await views.OfAsync(platform, cancellationToken), platform.Version, Changed: false);
    }
}
