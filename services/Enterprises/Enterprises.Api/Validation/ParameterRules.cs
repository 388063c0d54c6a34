using FluentValidation;
using ServiceDefaults.Json;
using SharedKernel.Regions;

namespace Enterprises.Api.Validation;

/// <summary>
/// Rules for query parameters that several reads share, so that a parameter is refused in the same
/// words everywhere (a query's failures are 400 <c>invalidParameter</c>, keyed by the parameter).
/// </summary>
internal static class ParameterRules
{
    /// <summary>Blank, or a region of GET /api/v1/regions (a district, 120000, or a functional zone).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeRegion<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => string.IsNullOrWhiteSpace(code) || RegionCodes.Find(code.Trim()) is not null)
            .WithMessage((_, code) => $"'{code?.Trim()}' is not a region code; see GET /api/v1/regions.");

    /// <summary>Blank, or the wire name of a <typeparamref name="TEnum"/> value in any case (as <see cref="EnumText"/> reads it).</summary>
    public static IRuleBuilderOptions<T, string?> MustName<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => string.IsNullOrWhiteSpace(text)
                || StrictStringEnumConverter.NamesOf(typeof(TEnum)).Contains(text, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, text) => $"'{text}' is not one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(TEnum)))}.");
}
