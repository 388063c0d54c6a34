using System.Text.RegularExpressions;

namespace Talent.Api.Domain;

/// <summary>
/// A person's phone: a mainland mobile number (11 digits, 1 then 3–9) or an international number in
/// E.164 form (+ and up to 15 digits). Spaces and hyphens typed between digits are dropped, so that a
/// number is stored, hashed and compared in one form. Messages never repeat it.
/// </summary>
public static partial class PhoneNumber
{
    public const string Rule = "A phone is a mainland mobile number (11 digits starting with 1) or an international number starting with +.";

    /// <summary>The longest phone accepted as typed: + and 15 digits with a space or hyphen between each two.</summary>
    public const int MaxLength = 30;

    /// <summary>The number without the spaces and hyphens people type, or null when blank.</summary>
    public static string? Normalize(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : Separators().Replace(phone.Trim(), "");

    /// <summary>Blank, or a number of one of the two forms once normalised.</summary>
    public static bool IsValidOrBlank(string? phone) => Normalize(phone) is not { } number || Shape().IsMatch(number);

    [GeneratedRegex(@"^(1[3-9][0-9]{9}|\+[1-9][0-9]{7,14})$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"(?<=[0-9])[ -](?=[0-9])")]
    private static partial Regex Separators();
}
