using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.PersonalData;
using Talent.Api.Data;
using Talent.Api.Domain;

namespace Talent.Api.Talents;

/// <summary>The body of POST /api/v1/talents/lookup: one identity number or one phone, never in a URL.</summary>
public sealed record LookupTalentsRequest
{
    /// <summary>An identity document number, exactly as registered (x and X are the same).</summary>
    public string? IdNumber { get; init; }
    /// <summary>Only documents of this type: residentIdentityCard, passport or foreignPermanentResidence.</summary>
    public DocumentType? DocumentType { get; init; }
    /// <summary>A phone, exactly as registered (spaces and hyphens ignored).</summary>
    public string? Phone { get; init; }
}

/// <summary>The people a look-up found (none, one, or a few sharing a phone or a passport number).</summary>
public sealed record TalentMatches(IReadOnlyList<TalentResponse> Items);

/// <summary>
/// POST /api/v1/talents/lookup (talent.pii): exact matches found through the keyed hash stored beside
/// each number; no row is decrypted to compare.
/// </summary>
public sealed record LookupTalents(LookupTalentsRequest Request) : IQuery<TalentMatches>;

internal sealed class LookupTalentsValidator : AbstractValidator<LookupTalents>
{
    public LookupTalentsValidator()
    {
        RuleFor(q => q.Request).Must(r => string.IsNullOrWhiteSpace(r.IdNumber) != string.IsNullOrWhiteSpace(r.Phone))
            .OverridePropertyName("idNumber").WithMessage("Give either 'idNumber' or 'phone'.");
        RuleFor(q => q.Request.IdNumber).MaximumLength(20).OverridePropertyName("idNumber");
        RuleFor(q => q.Request.Phone).Must(PhoneNumber.IsValidOrBlank).OverridePropertyName("phone").WithMessage(PhoneNumber.Rule);
        RuleFor(q => q.Request.DocumentType).Null().When(q => q.Request.IdNumber is null).OverridePropertyName("documentType")
            .WithMessage("'documentType' narrows a look-up by 'idNumber'.");
    }
}

internal sealed class LookupTalentsHandler(TalentDbContext db) : IQueryHandler<LookupTalents, TalentMatches>
{
    private const int MaxMatches = 50;

    public async ValueTask<TalentMatches> Handle(LookupTalents query, CancellationToken cancellationToken)
    {
        var request = query.Request;
        var matches = PhoneNumber.Normalize(request.Phone) is { } phone
            ? db.People.WhereMatches(p => p.Phone, phone)
            : db.People.WhereMatches(p => p.IdNumber, IdentityDocument.Normalize(request.IdNumber));
        if (request.DocumentType is { } type)
        {
            matches = matches.Where(p => p.DocumentType == type);
        }

        var people = await matches.AsNoTracking().WithActiveRecognitions().OrderBy(p => p.Id).Take(MaxMatches).ToListAsync(cancellationToken);
        return new TalentMatches(people.Select(TalentResponse.From).ToList());
    }
}
