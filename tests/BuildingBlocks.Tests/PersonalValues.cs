using System.Text;

namespace BuildingBlocks.Tests;

/// <summary>
/// The personal data the tests write, and what "in clear" means for it: any 7 consecutive characters
/// of a value. Each mask hides at least 4 consecutive characters in the middle, so no 7-character
/// window of a value appears in its mask; and 7 digits in a row do not turn up in random bytes.
/// </summary>
public static class PersonalValues
{
    public const string IdNumber = "12010419880715621X";
    public const string IdNumberMask = "120104********621X";
    public const string Phone = "13920487516";
    public const string PhoneMask = "139****7516";
    public const string OtherIdNumber = "12011019930428374X";
    public const string NewPhone = "18622307945";
    public const string NewPhoneMask = "186****7945";

    public static IEnumerable<string> All => [IdNumber, Phone, OtherIdNumber, NewPhone];

    public static IEnumerable<string> Windows(string value, int width = 7) =>
        Enumerable.Range(0, value.Length - width + 1).Select(start => value.Substring(start, width));

    /// <summary>A window of a value found in the text, or null.</summary>
    public static string? FoundIn(string text) =>
        All.SelectMany(v => Windows(v)).FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>A window of a value found in the bytes, as UTF-8 or UTF-16, or null.</summary>
    public static string? FoundIn(ReadOnlySpan<byte> bytes)
    {
        foreach (var window in All.SelectMany(v => Windows(v)))
        {
            if (bytes.IndexOf(Encoding.UTF8.GetBytes(window)) >= 0 || bytes.IndexOf(Encoding.Unicode.GetBytes(window)) >= 0)
            {
                return window;
            }
        }

        return null;
    }
}
