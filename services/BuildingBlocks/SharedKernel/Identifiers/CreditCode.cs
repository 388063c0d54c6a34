namespace SharedKernel.Identifiers;

/// <summary>
/// The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015: 18 characters from a
/// 31-character alphabet. Character 1 is the registration authority, 2 the organisation type,
/// 3–8 the administrative division (GB/T 2260, digits), 9–17 the organisation code of GB 11714
/// whose last character checks the eight before it, and 18 checks the first seventeen.
/// </summary>
/// <remarks>
/// Codes are compared and stored exactly as issued, in upper case. This class does not fold case:
/// a lower-case letter is reported as not allowed, so that a code is never stored in two spellings.
/// Callers that want to be lenient must upper-case input themselves before validating.
/// </remarks>
public static class CreditCode
{
    public const int Length = 18;

    /// <summary>The GB 32100 alphabet: digits and the capitals other than I, O, Z, S and V.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>3^(i−1) mod 31 for i = 1..17, the weights of the final check character.</summary>
    private static readonly int[] CodeWeights = Enumerable.Range(0, Length - 1)
        .Select(i => Enumerable.Range(0, i).Aggregate(1, (weight, _) => weight * 3 % 31))
        .ToArray();

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>
    /// Null when <paramref name="code"/> is a well-formed credit code; otherwise a short English
    /// message naming the first fault found (length, a character not allowed at a position, the
    /// organisation-code check character, or the final check character). Positions count from 1.
    /// </summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "A credit code is required.";
        }

        if (code.Length != Length)
        {
            return $"A credit code has {Length} characters; this one has {code.Length}.";
        }

        for (var i = 0; i < Length; i++)
        {
            var c = code[i];
            var allowed = i is >= 2 and <= 7 ? char.IsAsciiDigit(c) : Alphabet.Contains(c);
            if (!allowed)
            {
                return $"Character '{Printable(c)}' is not allowed at position {i + 1}: {Expected(i, c)}.";
            }
        }

        var organisationCheck = OrganisationCheck(code.AsSpan(8, 8));
        if (code[16] != organisationCheck)
        {
            return $"The organisation-code check character (position 17) is '{code[16]}' but should be '{organisationCheck}'.";
        }

        var finalCheck = FinalCheck(code.AsSpan(0, Length - 1));
        if (code[17] != finalCheck)
        {
            return $"The final check character (position 18) is '{code[17]}' but should be '{finalCheck}'.";
        }

        return null;
    }

    private static string Expected(int index, char c) => index switch
    {
        >= 2 and <= 7 => "positions 3-8 are the administrative division code, digits only",
        _ when char.IsAsciiLetterLower(c) => "letters are upper case",
        _ => "the alphabet is 0-9 and A-Z without I, O, Z, S, V",
    };

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();

    /// <summary>
    /// GB 11714: letters carry the values A = 10 … Z = 35 (the Latin order, not their place in the
    /// GB 32100 alphabet); check = 11 − (weighted sum mod 11), with 10 written X and 11 written 0.
    /// </summary>
    private static char OrganisationCheck(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var value = char.IsAsciiDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10;
            sum += OrganisationWeights[i] * value;
        }

        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>Check = 31 − (weighted sum of alphabet positions mod 31), 31 written as 0, mapped through the alphabet.</summary>
    private static char FinalCheck(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            sum += CodeWeights[i] * Alphabet.IndexOf(first17[i]);
        }

        return Alphabet[(31 - sum % 31) % 31];
    }
}
