using Microsoft.OpenApi;
using ServiceDefaults.Paging;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Adds to each model's schema what its C# types cannot say: members every validator requires are
/// required and not nullable (a request model's members are nullable in C# so that a missing one is a
/// 422 naming it, not a 400), and every string and list gets the limit the validators, the columns or
/// the format put on it, so clients (and Spectral) know how long a value may be.
/// </summary>
internal sealed class ModelRulesSchemaFilter(ValidatorFacts validators, FieldLimits limits) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo is not null || schema is not OpenApiSchema { Properties.Count: > 0 } model)
        {
            return;
        }

        var facts = validators.For(context.Type);
        var paged = context.Type.IsGenericType && context.Type.GetGenericTypeDefinition() == typeof(PagedList<>);
        foreach (var (name, property) in model.Properties)
        {
            if (property is not OpenApiSchema member)
            {
                continue;
            }

            var fact = facts?.GetValueOrDefault(name);
            if (fact is { Required: true })
            {
                model.Required ??= new SortedSet<string>(StringComparer.Ordinal);
                model.Required.Add(name);
                SchemaShapes.MakeNotNullable(member);
            }

            if (paged && name == "items")
            {
                member.MaxItems ??= PageQuery.MaxPageSize;
            }

            Limit(member, name, fact);
        }
    }

    private void Limit(OpenApiSchema member, string name, MemberFacts? fact)
    {
        if (SchemaShapes.Is(member, JsonSchemaType.String) && member.Enum is not { Count: > 0 })
        {
            member.MaxLength ??= fact?.MaxLength ?? SchemaShapes.FormatLength(member.Format) ?? limits.MaxLength(name);
            member.Pattern ??= fact?.Pattern;
        }
        else if (SchemaShapes.Is(member, JsonSchemaType.Array))
        {
            member.MaxItems ??= limits.MaxItems(name);
            if (member.Items is OpenApiSchema item && SchemaShapes.Is(item, JsonSchemaType.String) && item.Enum is not { Count: > 0 })
            {
                item.MaxLength ??= fact?.ItemMaxLength ?? SchemaShapes.FormatLength(item.Format) ?? limits.ItemMaxLength(name);
            }
        }
    }
}

/// <summary>Small facts about schema shapes shared by the filters.</summary>
internal static class SchemaShapes
{
    public static bool Is(OpenApiSchema schema, JsonSchemaType type) => schema.Type is { } flags && flags.HasFlag(type);

    public static void MakeNotNullable(OpenApiSchema schema)
    {
        if (schema.Type is { } flags)
        {
            flags &= ~JsonSchemaType.Null;
            schema.Type = flags == 0 ? null : flags;
        }
    }

    public static void MakeNullable(OpenApiSchema schema) => schema.Type = (schema.Type ?? 0) | JsonSchemaType.Null;

    /// <summary>The longest text of a format the API writes: dates as 2026-11-22, times with offset and 7 decimals.</summary>
    public static int? FormatLength(string? format) => format switch
    {
        "date" => 10,
        "date-time" => 33,
        "uuid" => 36,
        _ => null,
    };
}
