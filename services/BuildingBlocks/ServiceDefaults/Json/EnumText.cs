using SharedKernel.Errors;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Json;

/// <summary>
/// Parses an enum from a query-string filter with the same wire names as the JSON body, so that
/// <c>?status=published</c> works and <c>?status=5</c> or a misspelling is a 400 listing the allowed values.
/// </summary>
public static class EnumText
{
    public static T? ParseOptional<T>(string? text, string parameter) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var names = StrictStringEnumConverter.NamesOf(typeof(T));
        var index = names.ToList().FindIndex(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"'{text}' is not a valid value for '{parameter}'.",
                new Dictionary<string, string[]> { [parameter] = [$"'{text}' is not one of: {string.Join(", ", names)}."] });
        }

        return Enum.GetValues<T>()[index];
    }

    /// <summary>The wire name of an enum value, as the JSON body writes it.</summary>
    public static string Format<T>(T value) where T : struct, Enum =>
        StrictStringEnumConverter.NamesOf(typeof(T))[Array.IndexOf(Enum.GetValues<T>(), value)];
}
