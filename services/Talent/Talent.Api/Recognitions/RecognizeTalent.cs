using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Errors;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Events;
using Talent.Api.Programmes;
using Talent.Api.Talents;

namespace Talent.Api.Recognitions;

/// <summary>POST /api/v1/talents/{id}/recognitions: records a recognition and publishes TalentRecognized.</summary>
public sealed record RecognizeTalent : RecognizeRequest, ICommand<RecognitionResponse>
{
    public RecognizeTalent(Guid talentId, RecognizeRequest request, ClaimsPrincipal caller) : base(request)
    {
        TalentId = talentId;
        Caller = caller;
    }

    public Guid TalentId { get; }

    /// <summary>Who records it: a caller confined to a region records only for people there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RecognizeTalentValidator : AbstractValidator<RecognizeTalent>
{
    public RecognizeTalentValidator(ProgrammeCatalog programmes)
    {
        RuleFor(r => r.Programme).NotEmpty().Must(p => programmes.Find(p) is not null)
            .WithMessage("Not a programme of GET /api/v1/talent-programmes.");
        RuleFor(r => r.Year).NotNull();
        RuleFor(r => r.Tier).MaximumLength(50);
    }
}

/// <summary>
/// The person's row is locked first, so that the same recognition sent twice at once is checked one
/// after the other. The row is saved before the event, which carries its id; the unit of work's
/// transaction commits both, or neither.
/// </summary>
internal sealed class RecognizeTalentHandler(TalentDbContext db, ProgrammeCatalog programmes, IEventBus events, TimeProvider clock)
    : ICommandHandler<RecognizeTalent, RecognitionResponse>
{
    public async ValueTask<RecognitionResponse> Handle(RecognizeTalent command, CancellationToken cancellationToken)
    {
        var programme = programmes.Get(command.Programme);
        var person = await TalentLookup.FindLockedAsync(db, command.TalentId, cancellationToken);
        TalentLookup.EnsureWritable(command.Caller, person);
        var held = await db.Recognitions
            .Where(r => r.TalentId == person.Id && r.Programme == programme.Code && r.Status == RecognitionStatus.Active)
            .ToListAsync(cancellationToken);
        var recognition = person.Recognize(programme, command.Year!.Value, command.Tier, command.RecognizedOn, held, clock.Today());
        db.Recognitions.Add(recognition);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Recognized(recognition));
        return RecognitionResponse.From(recognition);
    }
}

/// <summary>POST .../recognitions/{recognitionId}/revoke: revokes an active recognition and publishes RecognitionRevoked.</summary>
public sealed record RevokeRecognition : RevokeRecognitionRequest, ICommand<RecognitionResponse>
{
    public RevokeRecognition(Guid talentId, Guid recognitionId, RevokeRecognitionRequest request, ClaimsPrincipal caller) : base(request)
    {
        TalentId = talentId;
        RecognitionId = recognitionId;
        Caller = caller;
    }

    public Guid TalentId { get; }
    public Guid RecognitionId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RevokeRecognitionValidator : AbstractValidator<RevokeRecognition>
{
    public RevokeRecognitionValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class RevokeRecognitionHandler(TalentDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<RevokeRecognition, RecognitionResponse>
{
    public async ValueTask<RecognitionResponse> Handle(RevokeRecognition command, CancellationToken cancellationToken)
    {
        var person = await TalentLookup.FindBareAsync(db, command.TalentId, cancellationToken);
        TalentLookup.EnsureWritable(command.Caller, person);
        var recognition = await RecognitionLookup.FindAsync(db, person.Id, command.RecognitionId, cancellationToken);
        var today = clock.Today();
        recognition.Revoke(command.RevokedOn ?? today, command.Reason!.Trim(), today);
        events.Publish(EventFactory.Revoked(recognition));
        return RecognitionResponse.From(recognition);
    }
}

internal static class RecognitionLookup
{
    public static async Task<Recognition> FindAsync(TalentDbContext db, Guid talentId, Guid id, CancellationToken ct) =>
        await db.Recognitions.SingleOrDefaultAsync(r => r.TalentId == talentId && r.Id == id, ct)
        ?? throw new NotFoundException("Recognition", $"{talentId}/{id}");
}
