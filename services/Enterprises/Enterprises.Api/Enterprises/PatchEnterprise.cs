using System.Security.Claims;
using System.Text.Json.Nodes;
using Enterprises.Api.Data;
using ServiceDefaults.Http;
using Mediator;
using ServiceDefaults.Validation;
using SharedKernel.Time;

namespace Enterprises.Api.Enterprises;

/// <summary>
/// PATCH /api/v1/enterprises/{creditCode}: a JSON merge patch over the enterprise's current fields,
/// under If-Match. The merged fields are then set by <see cref="UpdateEnterprise"/>, the one write
/// of an enterprise's details, which validates them.
/// </summary>
public sealed record PatchEnterprise(string CreditCode, JsonObject Patch, IfMatch IfMatch, ClaimsPrincipal Caller)
    : ICommand<EnterpriseResult>;

internal sealed class PatchEnterpriseHandler(EnterprisesDbContext db, JsonMergePatch merge, ISender sender, TimeProvider clock)
    : ICommandHandler<PatchEnterprise, EnterpriseResult>
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["creditCode"] = "The credit code identifies the enterprise and cannot be changed.",
        ["qualifications"] = "Qualifications are granted and revoked through .../qualifications.",
        ["designations"] = "Designations are added, ended and withdrawn through .../designations.",
    };

    public async ValueTask<EnterpriseResult> Handle(PatchEnterprise command, CancellationToken cancellationToken)
    {
        var enterprise = await EnterpriseLookup.FindAsync(db, command.CreditCode, clock.Today(), cancellationToken);
        EnterpriseLookup.EnsureWritable(command.Caller, enterprise);
        command.IfMatch.Require(enterprise.Version);
        var fields = await merge.ApplyAsync(EnterpriseFields.From(enterprise.Details), command.Patch, ReadOnlyFields, cancellationToken);
        return await sender.Send(new UpdateEnterprise(enterprise.CreditCode, fields, command.Caller), cancellationToken);
    }
}
