using System.Security.Claims;
using Enterprises.Directory;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.PersonalData;
using SharedKernel.Errors;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;

namespace Talent.Api.Talents;

/// <summary>Puts a new person on the register: POST /api/v1/talents, and each CSV row of a document not yet held.</summary>
public sealed record RegisterTalent : TalentFields, ICommand<TalentResult>
{
    public RegisterTalent(RegisterTalentRequest request, ClaimsPrincipal caller) : base(request)
    {
        DocumentType = request.DocumentType;
        IdNumber = request.IdNumber;
        Nationality = request.Nationality;
        Caller = caller;
    }

    public DocumentType? DocumentType { get; }
    public string? IdNumber { get; }
    public string? Nationality { get; }

    /// <summary>Who registers: a caller confined to a region registers only there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RegisterTalentValidator : TalentFieldsValidator<RegisterTalent>
{
    public RegisterTalentValidator(TimeProvider clock)
    {
        RuleFor(t => t.DocumentType).NotNull();
        RuleFor(t => t.IdNumber).MaximumLength(IdentityDocument.MaxNumberLength);
        RuleFor(t => t).Custom((t, context) =>
        {
            if (t.DocumentType is not { } type || t.IdNumber?.Length > IdentityDocument.MaxNumberLength)
            {
                return;
            }

            foreach (var (field, messages) in IdentityDocument.ProblemsOf(type, t.IdNumber, t.Nationality, clock.Today()))
            {
                foreach (var message in messages)
                {
                    context.AddFailure(field, message);
                }
            }
        });
        RuleForFields(clock);
    }
}

/// <summary>
/// The same document registered twice is found through the keyed hash of its number (an index
/// look-up; no row is decrypted), and refused without saying who holds it: a caller without
/// talent.pii must not learn whose number it is. Two registrations racing meet the unique index.
/// </summary>
internal sealed class RegisterTalentHandler(TalentDbContext db, EnterpriseDirectory directory, TimeProvider clock)
    : ICommandHandler<RegisterTalent, TalentResult>
{
    public async ValueTask<TalentResult> Handle(RegisterTalent command, CancellationToken cancellationToken)
    {
        var details = command.ToDetails();
        TalentLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        var document = IdentityDocument.Of(command.DocumentType!.Value, command.IdNumber, command.Nationality, clock.Today());
        if (await db.People.WhereMatches(p => p.IdNumber, document.Number)
                .AnyAsync(p => p.DocumentType == document.Type && p.Nationality == document.Nationality, cancellationToken))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, "A person with this identity document is already on the register.");
        }

        if (details.EmployerCreditCode is { } employer)
        {
            await TalentLookup.KnownEnterpriseAsync(directory, employer, "employerCreditCode", cancellationToken);
        }

        var person = Person.Register(document, details, clock.GetUtcNow());
        db.People.Add(person);
        return TalentResult.Of(person, changed: true);
    }
}
