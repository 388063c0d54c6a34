using Microsoft.AspNetCore.Http.HttpResults;
using Platforms.Api.Domain;

namespace Platforms.Api.Catalog;

/// <summary>A platform type as GET /api/v1/platforms/types lists it.</summary>
/// <param name="Key">Its key: the platform's 'type', and the metric's name (platforms.active.{key}).</param>
/// <param name="Grading">letters (A–D), ratings (excellent, good, pass, fail) or score (0–100, graded by band).</param>
/// <param name="Grades">The grades an evaluation may give (empty for a score: send 'score').</param>
/// <param name="TakesTenants">Whether it admits tenants.</param>
/// <param name="Designations">What a platform of the type may be designated besides its level.</param>
/// <param name="RectificationMonths">How long a failing platform has to rectify.</param>
public sealed record PlatformTypeResponse(string Key, string Name, string NameEn, IReadOnlyList<PlatformLevel> Levels, GradingScheme Grading,
    IReadOnlyList<string> Grades, bool TakesTenants, IReadOnlyList<string> Designations, int RectificationMonths)
{
    public static PlatformTypeResponse From(PlatformType t) => new(t.Key, t.Name, t.NameEn, t.Levels, t.Grading,
        GradingSchemes.GradesOf(t.Grading), t.TakesTenants, t.Designations, t.RectificationMonths);
}

/// <summary>The platform types: reference data, public like the region tree.</summary>
public static class PlatformTypesApi
{
    public static RouteHandlerBuilder MapPlatformTypesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/platforms/types", List).WithTags("Types").WithName("ListPlatformTypes")
            .WithSummary("The platform types with their levels, grading scheme, tenants and designations").AllowAnonymous();

    private static Ok<IReadOnlyList<PlatformTypeResponse>> List(PlatformCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<PlatformTypeResponse>>(catalog.All.Select(PlatformTypeResponse.From).ToList());
}
