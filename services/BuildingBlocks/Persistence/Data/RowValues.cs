using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServiceDefaults.Paging;

namespace Persistence;

/// <summary>
/// Row-value comparisons for keyset paging (<see cref="Keyset{T}"/>): on PostgreSQL <c>(k1, k2) &gt; (v1, v2)</c>,
/// written as Npgsql translates it (<c>EF.Functions.GreaterThan(ValueTuple.Create(…), ValueTuple.Create(…))</c>); on
/// SQLite none, and the keyset spells the position key by key.
/// </summary>
public static class RowValues
{
    private static readonly MethodInfo GreaterThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.GreaterThan));
    private static readonly MethodInfo LessThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.LessThan));
    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    // ValueTuple.Create takes one to seven items plainly (an eighth nests); sorts take at most SortFields.MaxTerms + 1 keys.
    private static readonly MethodInfo[] Creates = typeof(ValueTuple).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(ValueTuple.Create) && m.GetGenericArguments().Length is >= 1 and <= 7)
        .OrderBy(m => m.GetGenericArguments().Length).ToArray();

    /// <summary>The database's comparison of rows, or null when it has none the keyset uses.</summary>
    public static RowComparison? Of(DatabaseFacade database) => database.IsNpgsql() ? Compare : null;

    private static Expression? Compare(IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values, bool descending) =>
        keys.Count > Creates.Length
            ? null
            : Expression.Call(descending ? LessThan : GreaterThan, Functions, Row(keys), Row(values));

    private static UnaryExpression Row(IReadOnlyList<Expression> items) =>
        Expression.Convert(Expression.Call(Creates[items.Count - 1].MakeGenericMethod([.. items.Select(i => i.Type)]), items), typeof(ITuple));

    private static MethodInfo Comparison(string name) =>
        typeof(NpgsqlDbFunctionsExtensions).GetMethod(name, [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
}
