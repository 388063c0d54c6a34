using SharedKernel.Errors;

namespace Talent.Api.Domain;

/// <summary>
/// A talent programme people are recognised under (海河英才, 杰出人才 …). The built-in ones are in
/// <see cref="Programmes.ProgrammeCatalog"/>; districts add theirs by configuration.
/// </summary>
/// <param name="Code">Stable code, also the {Programme} of the metric talent.recognized.{Programme}.</param>
/// <param name="Name">The programme's Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Level">national, municipal or district.</param>
/// <param name="Issuer">Who runs it.</param>
/// <param name="RegionCode">Where it applies: 120000 for Tianjin, a district code for a district's.</param>
/// <param name="StartYear">The year it began: no recognition is older.</param>
/// <param name="Tiers">Its tiers, when recognitions name one; empty when it has none.</param>
public sealed record Programme(string Code, string Name, string NameEn, ProgrammeLevel Level, string Issuer, string RegionCode, int StartYear,
    IReadOnlyList<string> Tiers)
{
    /// <summary>A recognition of this programme for <paramref name="year"/> and <paramref name="tier"/> can be recorded today.</summary>
    public void EnsureAccepts(int year, string? tier, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (year < StartYear)
        {
            errors["year"] = [$"{Code} ({Name}) began in {StartYear}; there is no recognition for {year}."];
        }
        else if (year > today.Year)
        {
            errors["year"] = [$"{year} has not begun; recognitions are recorded for the current year ({today.Year}) at the latest."];
        }

        if (Tiers.Count > 0 && CanonicalTier(tier) is null)
        {
            errors["tier"] = [$"{Code} recognises in tiers: {string.Join(", ", Tiers)}."];
        }
        else if (Tiers.Count == 0 && tier is { Length: > 50 })
        {
            errors["tier"] = ["'tier' has at most 50 characters."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    /// <summary>The tier as the programme spells it (any case), or the free text of a programme without tiers.</summary>
    public string? CanonicalTier(string? tier)
    {
        var text = string.IsNullOrWhiteSpace(tier) ? null : tier.Trim();
        return Tiers.Count == 0 ? text : Tiers.FirstOrDefault(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase));
    }
}
