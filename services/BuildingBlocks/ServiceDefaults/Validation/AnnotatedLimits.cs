using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace ServiceDefaults.Validation;

/// <summary>
/// The <c>[MaxLength]</c> an update model puts on a list (LeadUnits, Targets), enforced for every
/// message that carries the model, as the OpenAPI document states it (maxItems). Strings are bounded
/// by the FluentValidation rules instead; this covers what those rules do not say.
/// </summary>
public static class AnnotatedLimits
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, int Max)[]> Limits = new();

    /// <summary>Each annotated list of the message holding more items than its limit, with the message to report.</summary>
    public static IEnumerable<(string Field, string Message)> Violations(object message)
    {
        foreach (var (property, max) in Limits.GetOrAdd(message.GetType(), Find))
        {
            if (property.GetValue(message) is ICollection { Count: var count } && count > max)
            {
                var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                yield return (field, $"'{field}' must have at most {max} items; it has {count}.");
            }
        }
    }

    private static (PropertyInfo, int)[] Find(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && p.GetIndexParameters().Length == 0)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<MaxLengthAttribute>(inherit: true)))
            .Where(p => p.Attribute is { Length: > 0 })
            .Select(p => (p.Property, p.Attribute!.Length))
            .ToArray();
}
