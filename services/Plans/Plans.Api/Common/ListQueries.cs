using System.Linq.Expressions;
using FluentValidation;
using ServiceDefaults.Json;
using ServiceDefaults.Paging;

namespace Plans.Api.Common;

/// <summary>A query of a list; its paging parameters are checked by <see cref="PagingRules{T}"/>.</summary>
public interface IListQuery
{
    PageQuery Paging { get; }
}

/// <summary>The fields a list can be sorted by and its default order: one table for the query's rules and for sorting.</summary>
internal sealed class Sorting<T>(string defaultField, IReadOnlyDictionary<string, Expression<Func<T, object?>>> fields)
{
    public SortFields<T> Fields { get; } = new(defaultField, fields);

    public IReadOnlyCollection<string> Names { get; } = fields.Keys.ToList();
}

/// <summary>
/// The rules of <c>page</c>, <c>pageSize</c> and <c>sort</c>, named as the query string names them.
/// A query's validator includes them, so the pipeline answers a bad value with 400 like any other parameter.
/// </summary>
internal sealed class PagingRules<T> : AbstractValidator<T> where T : IListQuery
{
    public PagingRules(IReadOnlyCollection<string> sortable)
    {
        RuleFor(q => q.Paging.PageNumber).GreaterThanOrEqualTo(1)
            .OverridePropertyName("page").WithMessage("'page' must be 1 or more.");
        RuleFor(q => q.Paging.Size).InclusiveBetween(1, PageQuery.MaxPageSize)
            .OverridePropertyName("pageSize").WithMessage($"'pageSize' must be between 1 and {PageQuery.MaxPageSize}.");
        RuleFor(q => q.Paging.Sort)
            .Must(sort => UnknownSortField(sort, sortable) is null)
            .OverridePropertyName("sort")
            .WithMessage(q => $"Cannot sort by '{UnknownSortField(q.Paging.Sort, sortable)}'. Sortable fields: {string.Join(", ", sortable)}.");
    }

    private static string? UnknownSortField(string? sort, IReadOnlyCollection<string> sortable) =>
        (sort ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(term => term.TrimStart('-', '+'))
            .FirstOrDefault(name => !sortable.Contains(name));
}

/// <summary>
/// Enum filters of the query string (<c>?status=published</c>) with the wire names of the JSON body:
/// the rule that refuses an unknown name, and the parse of a name the rule let through.
/// </summary>
internal static class EnumFilter
{
    /// <summary>Blank, or one of the enum's wire names (in any case); otherwise the allowed names are listed.</summary>
    public static IRuleBuilderOptions<T, string?> IsNameOf<T>(this IRuleBuilder<T, string?> rule, Type enumType)
    {
        var names = StrictStringEnumConverter.NamesOf(enumType);
        return rule.Must(text => string.IsNullOrWhiteSpace(text) || names.Contains(text, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, text) => $"'{text}' is not one of: {string.Join(", ", names)}.");
    }

    /// <summary>The value named, or null for a blank filter.</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var names = StrictStringEnumConverter.NamesOf(typeof(TEnum));
        var index = names.ToList().FindIndex(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        return index < 0
            ? throw new InvalidOperationException($"'{text}' reached a handler unvalidated.")
            : Enum.GetValues<TEnum>()[index];
    }
}
