using System.Text;

namespace TestSupport;

/// <summary>
/// Looks for secret values in clear in bytes (as UTF-8 or UTF-16) or text: a value counts as found when
/// any <see cref="Width"/> consecutive characters of it appear, or the whole of a shorter one. Masks
/// that show the ends of a value (<c>120104********123X</c>, <c>138****5678</c>) never show that many
/// in a row. Linear in the input however many values there are: it collects the runs of characters the
/// values are made of and looks up their windows, so a whole test suite's storage and logs can be read.
/// </summary>
public sealed class PlainTextSearch
{
    public const int Width = 10;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+";
    private readonly HashSet<string> windows = new(StringComparer.Ordinal);
    private readonly int[] lengths;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public PlainTextSearch(IEnumerable<string> values)
    {
        foreach (var value in values.Select(v => v.ToUpperInvariant()).Where(v => v.Length > 0))
        {
            if (value.Any(c => !Alphabet.Contains(c)))
            {
                throw new ArgumentException("Values are made of digits, capital letters and +.", nameof(values));
            }

            if (value.Length <= Width)
            {
                windows.Add(value);
            }
            else
            {
                for (var start = 0; start + Width <= value.Length; start++)
                {
                    windows.Add(value.Substring(start, Width));
                }
            }
        }

        lengths = windows.Select(w => w.Length).Distinct().Order().ToArray();
        lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int ValueWindows => windows.Count;

    /// <summary>A window of a value found in the text, or null.</summary>
    public string? FoundIn(string text)
    {
        var run = new StringBuilder();
        foreach (var c in text)
        {
            if (Alphabet.Contains(c))
            {
                run.Append(c);
            }
            else if (Flush(run) is { } found)
            {
                return found;
            }
        }

        return Flush(run);
    }

    /// <summary>A window of a value found in the bytes, read as ASCII/UTF-8 and as UTF-16 (little-endian, at either alignment), or null.</summary>
    public string? FoundIn(ReadOnlySpan<byte> bytes)
    {
        var run = new StringBuilder();
        foreach (var b in bytes)
        {
            if (Alphabet.Contains((char)b))
            {
                run.Append((char)b);
            }
            else if (Flush(run) is { } found)
            {
                return found;
            }
        }

        if (Flush(run) is { } last)
        {
            return last;
        }

        for (var offset = 0; offset < 2; offset++)
        {
            for (var i = offset; i + 1 < bytes.Length; i += 2)
            {
                var c = (char)bytes[i];
                if (bytes[i + 1] == 0 && Alphabet.Contains(c))
                {
                    run.Append(c);
                }
                else if (Flush(run) is { } found)
                {
                    return found;
                }
            }

            if (Flush(run) is { } end)
            {
                return end;
            }
        }

        return null;
    }

    private string? Flush(StringBuilder run)
    {
        string? found = null;
        if (run.Length >= lengths.FirstOrDefault(int.MaxValue))
        {
            var text = run.ToString();
            foreach (var length in lengths)
            {
                for (var start = 0; found is null && start + length <= text.Length; start++)
                {
                    if (lookup.TryGetValue(text.AsSpan(start, length), out var window))
                    {
                        found = window;
                    }
                }
            }
        }

        run.Clear();
        return found;
    }
}
