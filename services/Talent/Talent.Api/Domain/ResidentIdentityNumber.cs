namespace Talent.Api.Domain;

/// <summary>
/// The citizen identity number of GB 11643-1999 (居民身份证号码): 18 characters. Characters 1–6 are
/// the division of the issuing authority (GB/T 2260 as it was then; see <see cref="IssuingRegions"/>),
/// 7–14 the date of birth (yyyyMMdd), 15–17 a sequence whose last digit is odd for men and even for
/// women, and 18 the check character of ISO 7064 MOD 11-2 over the first seventeen (X for 10).
/// </summary>
/// <remarks>
/// A message about a number never repeats it, nor any part of it, nor the check character it should
/// have had: each of those would tell a reader of logs or error reports something of a person's
/// identity. It says which rule failed.
/// </remarks>
public static class ResidentIdentityNumber
{
    public const int Length = 18;

    /// <summary>The oldest date of birth accepted: earlier ones are typing errors, not people on a talent register.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>2^(17−i) mod 11 for positions i = 1..17.</summary>
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character for a weighted sum mod 11 of 0, 1, … 10.</summary>
    private const string CheckCharacters = "10X98765432";

    /// <summary>As a number is compared and stored: trimmed, x written X.</summary>
    public static string Normalize(string? number) => (number ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// Null when <paramref name="number"/> (normalised) is a well-formed identity number of a person born
    /// by <paramref name="today"/>; otherwise the first rule it breaks, in words that do not repeat it.
    /// </summary>
    public static string? Problem(string number, DateOnly today)
    {
        if (number.Length != Length)
        {
            return $"A resident identity number has {Length} characters.";
        }

        if (!number.AsSpan(0, Length - 1).ContainsOnlyDigits() || !(char.IsAsciiDigit(number[^1]) || number[^1] == 'X'))
        {
            return "A resident identity number is 17 digits followed by a digit or X.";
        }

        if (CheckCharacter(number.AsSpan(0, Length - 1)) != number[^1])
        {
            return "The check character (the 18th) does not match the first 17 (GB 11643, ISO 7064 MOD 11-2): the number is mistyped.";
        }

        if (IssuingRegions.Problem(number[..6]) is { } region)
        {
            return region;
        }

        return BirthDateProblem(number.AsSpan(6, 8), today);
    }

    /// <summary>The MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i] * (first17[i] - '0');
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The date of birth a valid number holds.</summary>
    public static DateOnly BirthDate(string valid) => DateOnly.ParseExact(valid.AsSpan(6, 8), "yyyyMMdd");

    /// <summary>The gender a valid number records: the 17th digit is odd for men.</summary>
    public static Gender GenderOf(string valid) => (valid[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>Null when the eight digits are a date from 1900 to today.</summary>
    internal static string? BirthDateProblem(ReadOnlySpan<char> yyyyMMdd, DateOnly today)
    {
        if (!DateOnly.TryParseExact(yyyyMMdd, "yyyyMMdd", out var born))
        {
            return "The date of birth it holds (characters 7 to 14) is not a date.";
        }

        if (born < EarliestBirthDate)
        {
            return "The date of birth it holds is before 1900.";
        }

        return born > today ? "The date of birth it holds is in the future." : null;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
