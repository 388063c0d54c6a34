using System.Text;

namespace SharedKernel.PersonalData;

/// <summary>
/// What a caller without the right to see personal data is shown instead of it. A value of the
/// expected length or longer shows as much as the mask of a valid one (an identity number's first 6
/// and last 4 characters, a phone's first 3 and last 4) and has the same length; a shorter value shows
/// nothing, since its first and last characters would be most of it.
/// </summary>
public static class PersonalDataMask
{
    private const char Hidden = '*';
    private const string OtherMask = "******";

    public static string? Mask(PersonalDataKind kind, string? value) => value is null ? null : kind switch
    {
        PersonalDataKind.IdentityNumber => Ends(value, length: 18, shown: 6, kept: 4),
        PersonalDataKind.Phone => Ends(value, length: 11, shown: 3, kept: 4),
        _ => OtherMask,
    };

    private static string Ends(string value, int length, int shown, int kept)
    {
        // Runes, so that a surrogate pair is never cut in half.
        var runes = value.EnumerateRunes().ToArray();
        if (runes.Length < length)
        {
            return new string(Hidden, length);
        }

        var mask = new StringBuilder(length);
        foreach (var rune in runes[..shown])
        {
            mask.Append(rune.ToString());
        }

        mask.Append(Hidden, length - shown - kept);
        foreach (var rune in runes[^kept..])
        {
            mask.Append(rune.ToString());
        }

        return mask.ToString();
    }
}
