using FluentValidation;
using ServiceDefaults.Json;
using SharedKernel.Identifiers;
using SharedKernel.Regions;

namespace Platforms.Api.Validation;

/// <summary>
/// Rules that several commands and queries share, so that a value is refused in the same words
/// everywhere (a query's failures are 400 <c>invalidParameter</c>, a command's 422 <c>validationFailed</c>).
/// </summary>
internal static class Rules
{
    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Credit codes are stored upper-case; a caller may type them in lower case.</summary>
    public static string NormalizeCreditCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Blank, or a region of GET /api/v1/regions (a district, 120000, or a functional zone).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRegion<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => Text(code) is null || RegionCodes.Find(code!.Trim()) is not null)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a region code; see GET /api/v1/regions.");

    /// <summary>A district (where a platform belongs): not 120000, not a zone.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeDistrict<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(code => RegionCodes.Find(code) is not null)
            .WithMessage((_, code) => $"Region '{code}' does not exist; see GET /api/v1/regions.")
            .Must(code => RegionCodes.Find(code)!.Kind == RegionKind.District)
            .WithMessage((_, code) => $"'{code}' is not a district; give the district the platform belongs to (a zone goes in 'zoneCode').");

    /// <summary>Blank, or a functional zone.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => Text(code) is null || RegionCodes.Find(code!.Trim())?.Kind == RegionKind.FunctionalZone)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a functional zone; use one of {string.Join(", ", Zones)}.");

    /// <summary>A well-formed credit code (GB 32100 check characters), upper-cased first.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCreditCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => CreditCode.Problem(NormalizeCreditCode(code)) is null)
            .WithMessage((_, code) => CreditCode.Problem(NormalizeCreditCode(code))!);

    /// <summary>Blank, or the wire name of a <typeparamref name="TEnum"/> value in any case (as <see cref="EnumText"/> reads it).</summary>
    public static IRuleBuilderOptions<T, string?> MustName<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => Text(text) is null
                || StrictStringEnumConverter.NamesOf(typeof(TEnum)).Contains(text!.Trim(), StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, text) => $"'{text}' is not one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(TEnum)))}.");

    /// <summary>The value of an enum filter the rules let through, or null when blank.</summary>
    public static TEnum? Parse<TEnum>(string? text, string parameter) where TEnum : struct, Enum =>
        EnumText.ParseOptional<TEnum>(Text(text), parameter);

    private static IEnumerable<string> Zones => RegionCodes.All.Where(r => r.Kind == RegionKind.FunctionalZone).Select(r => r.Code);
}
