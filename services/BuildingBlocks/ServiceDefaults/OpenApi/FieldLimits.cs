using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace ServiceDefaults.OpenApi;

/// <summary>A limit a service's storage puts on a field: the column length of a property (null: unbounded).</summary>
public sealed record StoredLength(string Property, int? MaxLength);

/// <summary>Where a building block tells the document how long what it stores may be (Persistence: the EF model's columns).</summary>
public interface IStoredLengthSource
{
    IEnumerable<StoredLength> Lengths(IServiceProvider services);
}

/// <summary>
/// The service-wide limits of fields by name (camelCase, as JSON spells them), for members whose own
/// type states none: a response's <c>title</c> is bounded by the column it is read from and by the
/// validator of the request that wrote it. A name is bounded only when every source that knows it
/// bounds it (the largest bound wins); a name any column stores unbounded stays unbounded.
/// </summary>
internal sealed class FieldLimits
{
    private readonly Dictionary<string, int?> maxLength = [];
    private readonly Dictionary<string, int?> itemMaxLength = [];
    private readonly Dictionary<string, int?> maxItems = [];

    public FieldLimits(IServiceProvider services, ServiceDescription service, ValidatorFacts validators, IEnumerable<IStoredLengthSource> storage)
    {
        foreach (var (name, facts) in validators.All())
        {
            Bound(maxLength, name, facts.MaxLength, unknownIsUnbounded: false);
            Bound(itemMaxLength, name, facts.ItemMaxLength, unknownIsUnbounded: false);
        }

        foreach (var stored in storage.SelectMany(source => source.Lengths(services)))
        {
            Bound(maxLength, JsonNamingPolicy.CamelCase.ConvertName(stored.Property), stored.MaxLength, unknownIsUnbounded: true);
        }

        foreach (var property in service.Assembly.GetTypes().SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (property.GetCustomAttribute<MaxLengthAttribute>() is { Length: > 0 } annotated)
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                Bound(property.PropertyType == typeof(string) ? maxLength : maxItems, name, annotated.Length, unknownIsUnbounded: false);
            }
        }
    }

    public int? MaxLength(string name) => maxLength.GetValueOrDefault(name);

    public int? ItemMaxLength(string name) => itemMaxLength.GetValueOrDefault(name) ?? MaxLength(name);

    public int? MaxItems(string name) => maxItems.GetValueOrDefault(name);

    private static void Bound(Dictionary<string, int?> limits, string name, int? limit, bool unknownIsUnbounded)
    {
        if (limit is null && !unknownIsUnbounded)
        {
            return;
        }

        limits[name] = limits.TryGetValue(name, out var known) ? (known is { } a && limit is { } b ? Math.Max(a, b) : null) : limit;
    }
}
