namespace Enterprises.Api.CultivationPool;

/// <summary>
/// The pool's missing count of an enterprise with no report in the years the rules read, by founding date and year, kept
/// for the life of the process. The HighTech rules read nothing else of such an enterprise, and they are fixed in the
/// code, so each date is evaluated once per year, not once per enterprise. When each write kept its own counts, an import
/// of 100,000 new enterprises founded over thirty years (written 2,000 at a time) evaluated 1.1 million times, about a
/// third of its request threads' CPU, where some 130,000 evaluations serve it.
/// <para>
/// Bounded, whatever the data: a byte per day from 1900 to 2099 for each of <see cref="Years"/> application years from
/// the first the pool holds (73 KB a year, allocated when first asked; about 0.9 MB for the twelve years held today).
/// A date or a year outside is evaluated each time. Lock-free: two threads that miss the same date both evaluate it and
/// store the same count.
/// </para>
/// </summary>
public static class ReportlessCounts
{
    private const int Years = 64;
    private static readonly int FirstDay = new DateOnly(1900, 1, 1).DayNumber;
    private static readonly int Days = new DateOnly(2100, 1, 1).DayNumber - FirstDay;

    // Per year from the pool's first, the count + 1 for each day (0: not evaluated yet).
    private static readonly byte[]?[] Known = new byte[Years][];

    public static int MissingCount(DateOnly foundedOn, int year)
    {
        var day = foundedOn.DayNumber - FirstDay;
        var slot = year - CultivationPoolWriter.FirstYear;
        if ((uint)day >= (uint)Days || (uint)slot >= Years)
        {
            return CultivationPoolWriter.Evaluate(foundedOn, [], year);
        }

        var counts = Volatile.Read(ref Known[slot]) ?? Interlocked.CompareExchange(ref Known[slot], new byte[Days], null) ?? Known[slot]!;
        var known = Volatile.Read(ref counts[day]);
        if (known != 0)
        {
            return known - 1;
        }

        var missing = CultivationPoolWriter.Evaluate(foundedOn, [], year);
        if (missing < byte.MaxValue)
        {
            Volatile.Write(ref counts[day], (byte)(missing + 1));
        }

        return missing;
    }
}
