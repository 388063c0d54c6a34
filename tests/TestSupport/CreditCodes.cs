using System.Collections.Concurrent;

namespace TestSupport;

/// <summary>Unified Social Credit Codes (GB 32100-2015) for tests and benchmarks, built with both check characters right.</summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The codes <see cref="New"/> has handed out from the shared random, so none is handed out twice.</summary>
    private static readonly ConcurrentDictionary<string, byte> Issued = new(StringComparer.Ordinal);

    /// <summary>
    /// A code of a company (91…) registered in <paramref name="division"/>, with a random organisation
    /// code from <paramref name="random"/> (a seeded one makes a reproducible register). The organisation code
    /// never starts with 1 or 2: after the division, a code 91120118 1983… would hold ten characters of every
    /// identity number of someone born in that district in 1983 (120118 1983…), and the personal-data sweeps
    /// (<see cref="PlainTextSearch"/>) would find them in the register's public data.
    /// <para>
    /// Without a random of the caller's, a code this process has not handed out before: there are 70 million
    /// organisation codes to a division, and a test registering 2,000 enterprises in one would draw one twice in about
    /// one run in 35 (its second registration a 409, as the API answers a code already held).
    /// </para>
    /// </summary>
    public static string New(string division = "120116", Random? random = null)
    {
        if (random is not null)
        {
            return Draw(division, random);
        }

        while (true)
        {
            var code = Draw(division, Random.Shared);
            if (Issued.TryAdd(code, 0))
            {
                return code;
            }
        }
    }

    private static string Draw(string division, Random random)
    {
        var body = string.Concat(Enumerable.Range(0, 8).Select(i => (char)('0' + (i == 0 ? random.Next(3, 10) : random.Next(10)))));
        var organisationSum = body.Select((c, i) => OrganisationWeights[i] * (c - '0')).Sum();
        var organisationCheck = (11 - organisationSum % 11) switch { 10 => 'X', 11 => '0', var d => (char)('0' + d) };
        var first17 = $"91{division}{body}{organisationCheck}";
        var weight = 1;
        var sum = 0;
        foreach (var c in first17)
        {
            sum += weight * Alphabet.IndexOf(c);
            weight = weight * 3 % 31;
        }

        return first17 + Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The code with its final check character changed, as a typing slip would.</summary>
    public static string WithWrongCheck(string code) => code[..17] + (code[17] == '1' ? '2' : '1');
}
