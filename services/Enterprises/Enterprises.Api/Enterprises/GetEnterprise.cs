using Enterprises.Api.Data;
using Enterprises.Api.Platforms;
using Mediator;
using Persistence;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>GET /api/v1/enterprises/{creditCode}: the enterprise with the qualifications it holds today and the platforms it hosts.</summary>
public sealed record GetEnterprise(string CreditCode) : IQuery<EnterpriseResult>;

internal sealed class GetEnterpriseHandler(EnterprisesDbContext db, TimeProvider clock, CompiledQueries<EnterprisesDbContext, ListedOf, ListedRow> listed)
    : IQueryHandler<GetEnterprise, EnterpriseResult>
{
    public async ValueTask<EnterpriseResult> Handle(GetEnterprise query, CancellationToken cancellationToken)
    {
        var row = await EnterpriseLookup.FindListedAsync(db, listed, query.CreditCode, clock.Today(), cancellationToken);
        var platforms = await HostedPlatformSummary.OfAsync(db, row.Enterprise.CreditCode, cancellationToken);
        return new EnterpriseResult(row.ToResponse() with { Platforms = platforms }, row.Enterprise.Version, Changed: false);
    }
}
