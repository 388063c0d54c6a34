namespace Enterprises.Api.Domain;

/// <summary>
/// A row that a region filters (<see cref="Enterprises.EnterpriseQuery.InRegion{T}(IQueryable{T}, Enterprises.RegionShape, ServiceDefaults.Paging.QueryParameters)"/>):
/// the district it is registered in, and the functional zone it sits in, if any.
/// </summary>
public interface ISitedInRegion
{
    string RegionCode { get; }

    string? ZoneCode { get; }
}
