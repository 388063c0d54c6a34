using System.Security.Claims;
using System.Text.Json.Nodes;
using Enterprises.Directory;
using Mediator;
using ServiceDefaults.Http;
using ServiceDefaults.Validation;
using SharedKernel.Time;
using Talent.Api.Data;

namespace Talent.Api.Talents;

/// <summary>
/// Sets a person's fields: the merged result of PATCH /api/v1/talents/{id}, and each CSV row of a
/// document already held. The employer is checked against the register only when it changes.
/// </summary>
public sealed record UpdateTalent : TalentFields, ICommand<TalentResult>
{
    public UpdateTalent(Guid id, TalentFields fields, ClaimsPrincipal caller) : base(fields)
    {
        Id = id;
        Caller = caller;
    }

    public Guid Id { get; }

    /// <summary>Who changes: a caller confined to a region changes only people there, and cannot move one out.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class UpdateTalentValidator : TalentFieldsValidator<UpdateTalent>
{
    public UpdateTalentValidator(TimeProvider clock) => RuleForFields(clock);
}

internal sealed class UpdateTalentHandler(TalentDbContext db, EnterpriseDirectory directory, TimeProvider clock)
    : ICommandHandler<UpdateTalent, TalentResult>
{
    public async ValueTask<TalentResult> Handle(UpdateTalent command, CancellationToken cancellationToken)
    {
        var person = await TalentLookup.FindAsync(db, command.Id, cancellationToken);
        TalentLookup.EnsureWritable(command.Caller, person);
        var details = command.ToDetails();
        TalentLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        if (details.EmployerCreditCode is { } employer && employer != person.EmployerCreditCode)
        {
            await TalentLookup.KnownEnterpriseAsync(directory, employer, "employerCreditCode", cancellationToken);
        }

        return TalentResult.Of(person, person.Change(details, clock.GetUtcNow()));
    }
}

/// <summary>
/// PATCH /api/v1/talents/{id}: a JSON merge patch over the person's fields, under If-Match, then set by
/// <see cref="UpdateTalent"/>. The identity document is not a field: it is who the person is.
/// </summary>
public sealed record PatchTalent(Guid Id, JsonObject Patch, IfMatch IfMatch, ClaimsPrincipal Caller) : ICommand<TalentResult>;

internal sealed class PatchTalentHandler(TalentDbContext db, JsonMergePatch merge, ISender sender) : ICommandHandler<PatchTalent, TalentResult>
{
    private static readonly IReadOnlyDictionary<string, string> ReadOnlyFields = new Dictionary<string, string>
    {
        ["id"] = "The id identifies the person and cannot be changed.",
        ["documentType"] = "The identity document identifies the person; a wrong one is corrected by registering the person anew.",
        ["idNumber"] = "The identity document identifies the person; a wrong one is corrected by registering the person anew.",
        ["nationality"] = "The nationality goes with the identity document and cannot be changed here.",
        ["recognitions"] = "Recognitions are recorded and revoked through .../recognitions.",
    };

    public async ValueTask<TalentResult> Handle(PatchTalent command, CancellationToken cancellationToken)
    {
        var person = await TalentLookup.FindAsync(db, command.Id, cancellationToken);
        TalentLookup.EnsureWritable(command.Caller, person);
        command.IfMatch.Require(person.Version);
        var fields = await merge.ApplyAsync(TalentFields.From(person.Details), command.Patch, ReadOnlyFields, cancellationToken);
        return await sender.Send(new UpdateTalent(person.Id, fields, command.Caller), cancellationToken);
    }
}

/// <summary>GET /api/v1/talents/{id}: the person with the recognitions they hold.</summary>
public sealed record GetTalent(Guid Id) : IQuery<TalentResult>;

internal sealed class GetTalentHandler(TalentDbContext db) : IQueryHandler<GetTalent, TalentResult>
{
    public async ValueTask<TalentResult> Handle(GetTalent query, CancellationToken cancellationToken) =>
        TalentResult.Of(await TalentLookup.FindReadOnlyAsync(db, query.Id, cancellationToken), changed: false);
}
