using System.Text.RegularExpressions;
using FluentValidation;
using ServiceDefaults.Json;
using SharedKernel.Regions;
using Talent.Api.Domain;

namespace Talent.Api.Validation;

/// <summary>
/// Rules that several messages share, so that a value is refused in the same words everywhere (a
/// query's failures are 400 <c>invalidParameter</c>, a command's 422 <c>validationFailed</c>).
/// </summary>
internal static partial class ParameterRules
{
    /// <summary>Blank, or a region of GET /api/v1/regions (a district, 120000, or a functional zone).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRegion<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => string.IsNullOrWhiteSpace(code) || RegionCodes.Find(code.Trim()) is not null)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a region code; see GET /api/v1/regions.");

    /// <summary>A district (never 120000, never a zone): where a person, team or assignment is.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeDistrict<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => RegionCodes.Find(code?.Trim())?.Kind == RegionKind.District)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a district; give a district code of GET /api/v1/regions (a zone goes in 'zoneCode').");

    /// <summary>Blank, or a functional zone (12Znn).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => string.IsNullOrWhiteSpace(code) || RegionCodes.Find(code.Trim())?.Kind == RegionKind.FunctionalZone)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a functional zone; see GET /api/v1/regions?kind=functionalZone.");

    /// <summary>Blank, or a phone of one of the two forms (<see cref="PhoneNumber"/>), in words that never repeat it.</summary>
    public static IRuleBuilderOptions<T, string?> MustBePhone<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop).MaximumLength(PhoneNumber.MaxLength).WithMessage(PhoneNumber.Rule)
            .Must(PhoneNumber.IsValidOrBlank).WithMessage(PhoneNumber.Rule);

    /// <summary>Blank, or the wire name of a <typeparamref name="TEnum"/> value in any case.</summary>
    public static IRuleBuilderOptions<T, string?> MustName<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => string.IsNullOrWhiteSpace(text)
                || StrictStringEnumConverter.NamesOf(typeof(TEnum)).Contains(text, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, text) => $"'{text}' is not one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(TEnum)))}.");

    /// <summary>
    /// Blank, or shaped as a Unified Social Credit Code: 18 characters of the GB 32100 alphabet. The
    /// check characters are not verified here (the register that issues the code does that); whether
    /// the enterprise exists is asked of the register.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> MustBeCreditCodeShape<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => string.IsNullOrWhiteSpace(code) || CreditCodeShape().IsMatch(code.Trim().ToUpperInvariant()))
            .WithMessage("A credit code has 18 characters: digits and the capitals other than I, O, Z, S and V.");

    /// <summary>Credit codes are stored upper-case; a caller may type them in lower case.</summary>
    public static string? CreditCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    /// <summary>A free-text value, trimmed, or null when blank.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex CreditCodeShape();
}
