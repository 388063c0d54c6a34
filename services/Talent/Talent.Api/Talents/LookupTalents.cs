using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.PersonalData;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Validation;

namespace Talent.Api.Talents;

/// <summary>The body of POST /api/v1/talents/lookup: one identity number or one phone, never in a URL.</summary>
public record LookupTalentsRequest
{
    /// <summary>An identity document number, exactly as registered (x and X are the same).</summary>
    public string? IdNumber { get; init; }
    /// <summary>Only documents of this type: residentIdentityCard, passport or foreignPermanentResidence.</summary>
    public DocumentType? DocumentType { get; init; }
    /// <summary>A phone, exactly as registered (spaces and hyphens ignored).</summary>
    public string? Phone { get; init; }
}

/// <summary>The people a look-up found (none, one, or a few sharing a phone or a passport number).</summary>
/// <param name="Items">The people found, in the order they were registered.</param>
public sealed record TalentMatches([property: MaxLength(TalentMatches.MaxMatches)] IReadOnlyList<TalentResponse> Items)
{
    /// <summary>A look-up names one person; a phone or a passport number shared by more than this is not a look-up.</summary>
    public const int MaxMatches = 50;
}

/// <summary>
/// POST /api/v1/talents/lookup (talent.pii): exact matches found through the keyed hash stored beside
/// each number; no row is decrypted to compare.
/// </summary>
public sealed record LookupTalents : LookupTalentsRequest, IQuery<TalentMatches>
{
    public LookupTalents(LookupTalentsRequest request) : base(request)
    {
    }
}

internal sealed class LookupTalentsValidator : AbstractValidator<LookupTalents>
{
    public LookupTalentsValidator()
    {
        RuleFor(q => q).Must(q => string.IsNullOrWhiteSpace(q.IdNumber) != string.IsNullOrWhiteSpace(q.Phone))
            .OverridePropertyName("idNumber").WithMessage("Give either 'idNumber' or 'phone'.");
        RuleFor(q => q.IdNumber).MaximumLength(IdentityDocument.MaxNumberLength);
        RuleFor(q => q.Phone).MustBePhone();
        RuleFor(q => q.DocumentType).Null().When(q => q.IdNumber is null)
            .WithMessage("'documentType' narrows a look-up by 'idNumber'.");
    }
}

internal sealed class LookupTalentsHandler(TalentDbContext db) : IQueryHandler<LookupTalents, TalentMatches>
{
    public async ValueTask<TalentMatches> Handle(LookupTalents query, CancellationToken cancellationToken)
    {
        var matches = PhoneNumber.Normalize(query.Phone) is { } phone
            ? db.People.WhereMatches(p => p.Phone, phone)
            : db.People.WhereMatches(p => p.IdNumber, IdentityDocument.Normalize(query.IdNumber));
        if (query.DocumentType is { } type)
        {
            matches = matches.Where(p => p.DocumentType == type);
        }

        var people = await matches.AsNoTracking().WithActiveRecognitions().OrderBy(p => p.Id).Take(TalentMatches.MaxMatches).ToListAsync(cancellationToken);
        return new TalentMatches(people.Select(TalentResponse.From).ToList());
    }
}
