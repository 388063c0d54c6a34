using System.Text.RegularExpressions;
using SharedKernel.Errors;

namespace Talent.Api.Domain;

/// <summary>
/// The document that identifies a person: its type, its number and the nationality it goes with. A
/// resident identity card is Chinese (CN) and carries a checked number, a date of birth and a gender;
/// a passport or a foreign permanent-residence card belongs to foreign talent (any nationality but CN).
/// </summary>
public sealed partial record IdentityDocument
{
    private IdentityDocument(DocumentType type, string number, string nationality)
    {
        Type = type;
        Number = number;
        Nationality = nationality;
    }

    /// <summary>The longest number accepted as typed: 18 characters (the longest of any type) and room for the spaces trimmed around it.</summary>
    public const int MaxNumberLength = 20;

    public DocumentType Type { get; }

    /// <summary>Normalised: trimmed, letters upper-case.</summary>
    public string Number { get; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Nationality { get; }

    /// <summary>The date of birth the number records, where it records one.</summary>
    public DateOnly? BirthDate => Type switch
    {
        DocumentType.ResidentIdentityCard => ResidentIdentityNumber.BirthDate(Number),
        DocumentType.ForeignPermanentResidence when Number.Length == 18 => ResidentIdentityNumber.BirthDate(Number),
        _ => null,
    };

    /// <summary>The gender the number records, where it records one.</summary>
    public Gender? Gender => Type == DocumentType.ResidentIdentityCard ? ResidentIdentityNumber.GenderOf(Number) : null;

    /// <summary>As a number of this type is compared and stored (the look-up hashes this form).</summary>
    public static string Normalize(string? number) => ResidentIdentityNumber.Normalize(number);

    /// <summary>
    /// The document, or a <see cref="RuleViolationException"/> naming the fields at fault
    /// (<c>idNumber</c>, <c>nationality</c>). <paramref name="nationality"/> may be left out for a
    /// resident identity card (it is CN).
    /// </summary>
    public static IdentityDocument Of(DocumentType type, string? number, string? nationality, DateOnly today)
    {
        var document = Read(type, number, nationality);
        var problems = document.Problems(today);
        return problems.Count == 0 ? document : throw new RuleViolationException(problems);
    }

    /// <summary>The rules each field breaks, in words that never repeat the number.</summary>
    public static IDictionary<string, string[]> ProblemsOf(DocumentType type, string? number, string? nationality, DateOnly today) =>
        Read(type, number, nationality).Problems(today);

    /// <summary>The nationality of a resident identity card, when left out, is CN.</summary>
    public static string NationalityOf(DocumentType type, string? nationality) =>
        string.IsNullOrWhiteSpace(nationality) && type == DocumentType.ResidentIdentityCard ? Nationalities.China : Nationalities.Normalize(nationality);

    /// <summary>A document as the register holds it, checked when it was registered.</summary>
    internal static IdentityDocument Stored(DocumentType type, string number, string nationality) => new(type, number, nationality);

    private static IdentityDocument Read(DocumentType type, string? number, string? nationality) =>
        new(type, Normalize(number), NationalityOf(type, nationality));

    private Dictionary<string, string[]> Problems(DateOnly today)
    {
        var problems = new Dictionary<string, string[]>();
        if (NumberProblem(today) is { } number)
        {
            problems["idNumber"] = [number];
        }

        if (NationalityProblem() is { } nationality)
        {
            problems["nationality"] = [nationality];
        }

        return problems;
    }

    private string? NumberProblem(DateOnly today) => Type switch
    {
        _ when Number.Length == 0 => "An identity document number is required.",
        DocumentType.ResidentIdentityCard => ResidentIdentityNumber.Problem(Number, today),
        DocumentType.Passport => PassportNumber().IsMatch(Number) ? null : "A passport number is 5 to 17 letters and digits.",
        DocumentType.ForeignPermanentResidence => PermanentResidenceProblem(today),
        _ => "Unknown document type.",
    };

    /// <summary>
    /// The 2004 card: three letters (the holder's nationality) and twelve digits. The 2023 card: 18
    /// digits, the first 9, with a date of birth and the check character of the resident number.
    /// </summary>
    private string? PermanentResidenceProblem(DateOnly today)
    {
        if (OldPermanentResidence().IsMatch(Number))
        {
            return null;
        }

        if (!NewPermanentResidence().IsMatch(Number))
        {
            return "A permanent-residence number is three letters and twelve digits, or (since 2023) 18 characters starting with 9.";
        }

        if (ResidentIdentityNumber.CheckCharacter(Number.AsSpan(0, 17)) != Number[17])
        {
            return "The check character (the 18th) does not match the first 17: the number is mistyped.";
        }

        return ResidentIdentityNumber.BirthDateProblem(Number.AsSpan(6, 8), today);
    }

    private string? NationalityProblem()
    {
        if (!Nationalities.IsKnown(Nationality))
        {
            return "'nationality' must be an ISO 3166-1 alpha-2 code such as CN, US or DE.";
        }

        return (Type, Nationality) switch
        {
            (DocumentType.ResidentIdentityCard, not Nationalities.China) => "A resident identity card is held by Chinese nationals: nationality CN.",
            (not DocumentType.ResidentIdentityCard, Nationalities.China) =>
                "A Chinese national is registered with the resident identity card; passports and permanent-residence cards are for foreign talent.",
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Z0-9]{5,17}$")]
    private static partial Regex PassportNumber();

    [GeneratedRegex("^[A-Z]{3}[0-9]{12}$")]
    private static partial Regex OldPermanentResidence();

    [GeneratedRegex("^9[0-9]{16}[0-9X]$")]
    private static partial Regex NewPermanentResidence();
}
