namespace EndToEnd.Tests;

/// <summary>Unified Social Credit Codes (GB 32100-2015) for test enterprises, each new.</summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A company (91) registered in <paramref name="division"/>, with a random organisation code.</summary>
    public static string Next(string division)
    {
        var body = Random.Shared.Next(10_000_000, 99_999_999).ToString();
        var organisationCheck = 11 - body.Select((c, i) => (c - '0') * OrganisationWeights[i]).Sum() % 11;
        var first17 = "91" + division + body + organisationCheck switch { 10 => 'X', 11 => '0', var n => (char)('0' + n) };
        var sum = first17.Select((c, i) => Alphabet.IndexOf(c) * Weight(i)).Sum();
        return first17 + Alphabet[(31 - sum % 31) % 31];
    }

    private static int Weight(int index)
    {
        var weight = 1;
        for (var i = 0; i < index; i++)
        {
            weight = weight * 3 % 31;
        }

        return weight;
    }
}
