using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Persistence.Idempotency;
using ServiceDefaults;
using SharedKernel.Access;

namespace BuildingBlocks.Tests;

/// <summary>The test service's endpoints, shaped as a service's are: each sends one message.</summary>
public static class PeopleApi
{
    public static ServiceDescription Description(string? personalDataScope) =>
        new("people", "People API", "A register of people, to test the personal-data convention.", typeof(PeopleApi).Assembly)
        {
            PersonalDataScope = personalDataScope,
        };

    public static void MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/people");
        group.MapPost("/", Create).WithMetadata(new IdempotentAttribute()).RequireAuthorization(Scopes.TalentWrite);
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Scopes.TalentRead);
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Scopes.TalentWrite);
        group.MapPost("/lookup", Find).RequireAuthorization(Scopes.TalentPii);
    }

    public sealed record PersonChange(string? Name, string? Phone);

    private static async Task<Created<PersonResponse>> Create(CreatePerson command, ISender sender, CancellationToken ct)
    {
        var person = await sender.Send(command, ct);
        return TypedResults.Created($"/api/v1/people/{person.Id}", person);
    }

    private static async Task<Ok<PersonResponse>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPerson(id), ct));

    private static async Task<Ok<PersonResponse>> Update(Guid id, PersonChange change, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdatePerson(id, change.Name, change.Phone), ct));

    private static async Task<Ok<PersonResponse>> Find(FindPerson query, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));
}
