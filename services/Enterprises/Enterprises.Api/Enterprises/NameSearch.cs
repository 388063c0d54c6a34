using System.Globalization;
using System.Text;

namespace Enterprises.Api.Enterprises;

/// <summary>How the words of a name search are looked up in the index of the marked names (<see cref="EnterpriseNameSearch"/>).</summary>
internal enum NameLookup
{
    /// <summary>Not at all: the words hold the mark or a wildcard of LIKE, and are tested on every name.</summary>
    None,

    /// <summary>The one character of the words, between its marks.</summary>
    Character,

    /// <summary>The words' pairs of characters, <see cref="NameSearch.Pairs"/> of them.</summary>
    Pairs,
}

/// <summary>
/// What decides the statement of a name search (q): how its words are looked up and tested, not the words, which are
/// values of the statement (<see cref="Of"/>), so one statement, compiled once, serves every search of its shape.
/// </summary>
/// <param name="Lookup">How the words are looked up in the index.</param>
/// <param name="Pairs">How many different pairs of their characters are looked up, at most <see cref="EnterpriseNameSearch.MaxPairs"/>.</param>
/// <param name="Uncased">
/// Words of characters without case (Chinese characters and digits, as most searches are): ILIKE and LIKE find the same
/// names for them, since no character's lower case is one of them, and LIKE costs less. ILIKE folds the case of every
/// name it tests; of the ~980 names a pair of characters is read for at a million enterprises, that was 0.47 of the
/// page's 1.41 ms (EXPLAIN ANALYZE, warm), and its estimate, which LIKE's is the same as, half its planning.
/// </param>
/// <param name="Coded">Whether the words could start a credit code, whose holders the search finds too.</param>
internal sealed record NameSearch(NameLookup Lookup, int Pairs, bool Uncased, bool Coded)
{
    /// <summary>The value of the words as a LIKE pattern: between wildcards, their own wildcards escaped.</summary>
    public const string PatternValue = "namePattern";

    /// <summary>The values of the first and of the last credit code the words could start (<see cref="Coded"/>).</summary>
    public const string CodeFromValue = "codeFrom";

    public const string CodeToValue = "codeTo";

    /// <summary>
    /// The value of the <paramref name="index"/>th pair of characters looked up (of the one character, for
    /// <see cref="NameLookup.Character"/>).
    /// </summary>
    public static string PairValue(int index) => "namePair" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shape of a search for <paramref name="words"/>, its values put in <paramref name="values"/>.</summary>
    public static NameSearch Of(string words, Dictionary<string, object?> values)
    {
        values[PatternValue] = "%" + Escape(words) + "%";
        var code = EnterpriseLookup.Normalize(words);
        var coded = code.Length is > 0 and <= 18 && code.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'Z');
        if (coded)
        {
            values[CodeFromValue] = code;
            values[CodeToValue] = code + "Z";
        }

        var uncased = words.EnumerateRunes()
            .All(c => Rune.GetUnicodeCategory(c) is UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber);
        if (words.IndexOfAny([EnterpriseNameSearch.Mark, '%', '_', '\\']) >= 0)
        {
            return new NameSearch(NameLookup.None, 0, uncased, coded);
        }

        var characters = words.EnumerateRunes().Select(c => c.ToString()).ToList();
        if (characters.Count == 1)
        {
            values[PairValue(0)] = words;
            return new NameSearch(NameLookup.Character, 1, uncased, coded);
        }

        var pairs = characters.Zip(characters.Skip(1), string.Concat).Distinct().Take(EnterpriseNameSearch.MaxPairs).ToList();
        for (var i = 0; i < pairs.Count; i++)
        {
            values[PairValue(i)] = pairs[i];
        }

        return new NameSearch(NameLookup.Pairs, pairs.Count, uncased, coded);
    }

    private static string Escape(string words) => words.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
