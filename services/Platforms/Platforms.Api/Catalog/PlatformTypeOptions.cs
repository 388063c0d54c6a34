using System.Text.RegularExpressions;
using Platforms.Api.Domain;

namespace Platforms.Api.Catalog;

/// <summary>
/// One entry of the <c>PlatformTypes</c> section: a type the documents name that the built-in catalog
/// lacks, or a built-in type (same key) described anew. Checked at start-up.
/// </summary>
public sealed partial class PlatformTypeOptions
{
    public const string Section = "PlatformTypes";

    /// <summary>The longest Chinese name of a type (a platform's typeName).</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest English name of a type.</summary>
    public const int MaxNameEnLength = 200;

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public List<PlatformLevel> Levels { get; set; } = [];
    public GradingScheme Grading { get; set; } = GradingScheme.Ratings;
    public bool TakesTenants { get; set; }
    public List<string> Designations { get; set; } = [];
    public int RectificationMonths { get; set; } = 12;

    /// <summary>What is wrong with the entry, or null.</summary>
    public string? Problem()
    {
        if (Key is null || !KeyPattern().IsMatch(Key))
        {
            return $"PlatformTypes: key '{Key}' must be 2 to 40 letters and digits starting with a capital (e.g. InnovationHub).";
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength || (NameEn?.Length ?? 0) > MaxNameEnLength)
        {
            return $"PlatformTypes: '{Key}' needs a name (at most {MaxNameLength} characters; nameEn at most {MaxNameEnLength}).";
        }

        if (Levels.Count == 0 || Levels.Distinct().Count() != Levels.Count)
        {
            return $"PlatformTypes: '{Key}' needs its levels, each once (national, municipal, district).";
        }

        if (Designations.Any(d => !DesignationPattern().IsMatch(d)) || Designations.Distinct().Count() != Designations.Count)
        {
            return $"PlatformTypes: the designations of '{Key}' must be distinct lower-camel words of at most 30 characters.";
        }

        if (Designations.Count > Platforms.PlatformFields.MaxDesignations)
        {
            return $"PlatformTypes: '{Key}' offers at most {Platforms.PlatformFields.MaxDesignations} designations.";
        }

        return RectificationMonths is < 1 or > 36 ? $"PlatformTypes: the rectification period of '{Key}' must be 1 to 36 months." : null;
    }

    public PlatformType ToType() => new(Key!, Name!.Trim(), NameEn?.Trim() ?? Key!, Levels, Grading, TakesTenants, Designations, RectificationMonths);

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{1,39}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,29}$")]
    internal static partial Regex DesignationPattern();
}
