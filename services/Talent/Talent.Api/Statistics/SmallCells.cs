namespace Talent.Api.Statistics;

/// <summary>
/// Statistical disclosure control for counts of people: no published cell counts fewer than
/// <see cref="Threshold"/> people. A count of 1 to 4 is suppressed (primary suppression). When a
/// single part of a published total is suppressed, the total minus the other parts would give it
/// back, so the smallest other non-zero part is suppressed too (secondary suppression). Zero is
/// published: it describes nobody. Small categories that have no meaning on their own (nationalities)
/// are merged into one before that.
/// </summary>
public static class SmallCells
{
    public const int Threshold = 5;

    /// <summary>Whether a count describes so few people that publishing it could point at one of them.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>The parts of a total and the total as they may be published: null where suppressed.</summary>
    public static (IReadOnlyList<int?> Parts, int? Total) Suppress(IReadOnlyList<int> parts, int total)
    {
        var shown = parts.Select(count => IsSmall(count) ? null : (int?)count).ToArray();
        int? shownTotal = IsSmall(total) ? null : total;
        if (shownTotal is not null && shown.Count(count => count is null) == 1)
        {
            var partner = Enumerable.Range(0, parts.Count).Where(i => shown[i] is > 0).OrderBy(i => parts[i]).ThenBy(i => i).FirstOrDefault(-1);
            if (partner >= 0)
            {
                shown[partner] = null;
            }
        }

        return (shown, shownTotal);
    }

    /// <summary>
    /// Categories kept apart only when they count at least <see cref="Threshold"/> people; the smaller
    /// ones are added into <paramref name="otherKey"/> (placed last). <paramref name="keep"/> is never merged.
    /// </summary>
    public static IReadOnlyList<(string Key, int Count)> MergeSmall(IEnumerable<(string Key, int Count)> cells, string otherKey, string keep)
    {
        var list = cells.ToList();
        var kept = list.Where(c => c.Key == keep || c.Count >= Threshold).OrderBy(c => c.Key == keep ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var other = list.Where(c => c.Key != keep && c.Count < Threshold).Sum(c => c.Count);
        return [.. kept, (otherKey, other)];
    }
}
