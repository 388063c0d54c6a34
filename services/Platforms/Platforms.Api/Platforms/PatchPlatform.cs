using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Platforms.Api.Data;
using ServiceDefaults.Http;
using ServiceDefaults.Validation;

namespace Platforms.Api.Platforms;

/// <summary>
/// PATCH /api/v1/platforms/{id}: a JSON merge patch over the platform's current fields, under If-Match.
/// The merged fields are then set by <see cref="UpdatePlatform"/>, the one write of a platform's
/// details, which validates them and refuses a change made meanwhile by another request.
/// </summary>
public sealed record PatchPlatform(Guid Id, JsonObject Patch, IfMatch IfMatch, ClaimsPrincipal Caller) : ICommand<PlatformResult>;

internal sealed class PatchPlatformHandler(PlatformsDbContext db, JsonMergePatch merge, ISender sender) : ICommandHandler<PatchPlatform, PlatformResult>
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["id"] = "The id identifies the platform and cannot be changed.",
        ["type"] = "The type is fixed at accreditation; accredit a platform of the other type instead.",
        ["typeName"] = "The type's name comes from the type.",
        ["status"] = "The status changes through POST /api/v1/platforms/{id}/status, with a reason and a date.",
        ["statusSince"] = "The status changes through POST /api/v1/platforms/{id}/status, with a reason and a date.",
        ["activeTenants"] = "Tenants are admitted and graduated through .../tenants.",
    };

    public async ValueTask<PlatformResult> Handle(PatchPlatform command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindAsync(db, command.Id, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var version = command.IfMatch.Expect(platform.Version);
        var fields = await merge.ApplyAsync(PlatformFields.From(platform.Details), command.Patch, ReadOnlyFields, cancellationToken);
        return await sender.Send(new UpdatePlatform(platform.Id, fields, command.Caller, version), cancellationToken);
    }
}
