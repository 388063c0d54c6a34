using System.Text;

namespace Plans.Api.Domain;

/// <summary>
/// Orders key tasks as their document numbers them. A task's code is its numbering in the document,
/// segments joined by '.': Chinese numerals (三, 十二), numbers in parentheses ((二), （十）) and arabic
/// numbers (4). Compared as text, 三.(四).10 would come before 三.(四).9 and 十 before 二; the sort key
/// compares each segment as the number it writes.
/// </summary>
/// <remarks>
/// The key is made of digits only, four per numbered segment, so that any database collation orders
/// it as it is meant (collations that skip punctuation would scramble a key with separators), and a
/// section's key is a prefix of its items' keys, so the section comes first. A segment that is not a
/// number (附件, T1) sorts after the numbered ones at its level, by its characters.
/// </remarks>
public static class TaskNumbering
{
    /// <summary>The longest key, of a 64-character code that is one segment without a number: 4 + 5 × 64.</summary>
    public const int MaxKeyLength = 324;

    private const int Width = 4;
    private const int Unnumbered = 9999;
    private const string ChineseDigits = "〇一二三四五六七八九";

    public static string SortKey(string code)
    {
        var key = new StringBuilder();
        foreach (var segment in code.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Number(segment) is { } number)
            {
                key.Append(number.ToString($"D{Width}"));
            }
            else
            {
                key.Append(Unnumbered.ToString($"D{Width}"));
                // Five digits hold any UTF-16 code unit, so the text still sorts by its characters.
                foreach (var c in segment)
                {
                    key.Append(((int)c).ToString("D5"));
                }
            }
        }

        return key.ToString();
    }

    /// <summary>The number a segment writes, or null when it writes none below 9999.</summary>
    private static int? Number(string segment)
    {
        var text = segment.Trim();
        if (text.Length > 2 && text[0] is '(' or '（' && text[^1] is ')' or '）')
        {
            text = text[1..^1].Trim();
        }

        var number = text.Length > 0 && text.All(char.IsAsciiDigit) ? Arabic(text) : Chinese(text);
        return number is > 0 and < Unnumbered ? number : null;
    }

    private static int? Arabic(string text) =>
        text.Length <= Width && int.TryParse(text, out var value) ? value : null;

    /// <summary>一 … 九, 十, 十一, 二十, 二十三, 一百零五 … up to 9998; null for anything else.</summary>
    private static int? Chinese(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var (total, digit, seenDigit) = (0, 0, false);
        foreach (var c in text)
        {
            var d = ChineseDigits.IndexOf(c);
            if (c is '零')
            {
                d = 0;
            }
            else if (c is '两')
            {
                d = 2;
            }

            if (d >= 0)
            {
                if (seenDigit && digit > 0)
                {
                    return null;
                }

                (digit, seenDigit) = (d, true);
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                return null;
            }

            // 十 alone, or at the start of 十二, means one ten.
            total += (seenDigit ? digit : 1) * unit;
            (digit, seenDigit) = (0, false);
        }

        return total + digit;
    }
}
