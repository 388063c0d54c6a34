using Enterprises.Api.Data;
using Enterprises.Api.Platforms;
using Mediator;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>GET /api/v1/enterprises/{creditCode}: the enterprise with the qualifications it holds today and the platforms it hosts.</summary>
public sealed record GetEnterprise(string CreditCode) : IQuery<EnterpriseResult>;

internal sealed class GetEnterpriseHandler(EnterprisesDbContext db, TimeProvider clock) : IQueryHandler<GetEnterprise, EnterpriseResult>
{
    public async ValueTask<EnterpriseResult> Handle(GetEnterprise query, CancellationToken cancellationToken)
    {
        var found = EnterpriseResult.Of(await EnterpriseLookup.FindReadOnlyAsync(db, query.CreditCode, clock.Today(), cancellationToken), changed: false);
        var platforms = await HostedPlatformSummary.OfAsync(db, found.Enterprise.CreditCode, cancellationToken);
        return found with { Enterprise = found.Enterprise with { Platforms = platforms } };
    }
}
