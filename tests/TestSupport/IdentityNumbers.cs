using System.Globalization;

namespace TestSupport;

/// <summary>
/// Resident identity numbers (GB 11643) and phones for tests, built right unless asked otherwise: a
/// division, a date of birth, a sequence whose last digit gives the gender, and the ISO 7064 MOD 11-2
/// check character.
/// </summary>
public static class IdentityNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>A valid number of someone born in <paramref name="division"/> (Nankai by default) between 1955 and 1999.</summary>
    public static string New(string division = "120104", DateOnly? born = null, bool? male = null, Random? random = null)
    {
        random ??= Random.Shared;
        var birth = born ?? new DateOnly(1955, 1, 1).AddDays(random.Next(0, 45 * 365));
        return WithCheck(division + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), male, random);
    }

    /// <summary>Six digits of division and eight of birth date as given (an impossible date stays impossible), then a sequence and the right check character.</summary>
    public static string WithCheck(string first14, bool? male = null, Random? random = null)
    {
        random ??= Random.Shared;
        var gender = (male ?? random.Next(2) == 0) ? 2 * random.Next(5) + 1 : 2 * random.Next(5);
        var first17 = first14 + random.Next(100).ToString("00", CultureInfo.InvariantCulture) + gender.ToString(CultureInfo.InvariantCulture);
        return first17 + Check(first17);
    }

    /// <summary>The MOD 11-2 check character of 17 digits.</summary>
    public static char Check(string first17) => CheckCharacters[first17.Select((c, i) => Weights[i] * (c - '0')).Sum() % 11];

    /// <summary>The number with another check character, as a typing slip would leave it.</summary>
    public static string WithWrongCheck(string number) => number[..17] + (number[17] == '1' ? '2' : '1');

    /// <summary>A mainland mobile number.</summary>
    public static string Phone(Random? random = null)
    {
        random ??= Random.Shared;
        return "1" + random.Next(3, 10).ToString(CultureInfo.InvariantCulture) + random.NextInt64(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
    }
}
