using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServiceDefaults.Paging;

namespace Persistence;

/// <summary>
/// What EF Core offers keyset paging (<see cref="Keyset{T}"/>) beyond plain LINQ: the page size as each database is
/// best given it (<see cref="KeysetDialect.Count"/>), and row-value
/// comparisons on PostgreSQL, <c>(k1, k2) &gt; (v1, v2)</c>, written as Npgsql translates them
/// (<c>EF.Functions.GreaterThan(ValueTuple.Create(…), ValueTuple.Create(…))</c>); on SQLite none, and the keyset spells
/// the position key by key.
/// </summary>
public static class KeysetDialects
{
    private static readonly KeysetDialect Postgres = new(Compare, Literal);
    private static readonly KeysetDialect Sqlite = new(null, count => Expression.Constant(count));
    private static readonly MethodInfo IntConstant = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));
    private static readonly MethodInfo GreaterThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.GreaterThan));
    private static readonly MethodInfo LessThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.LessThan));
    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    // ValueTuple.Create takes one to seven items plainly (an eighth nests); sorts take at most SortFields.MaxTerms + 1 keys.
    private static readonly MethodInfo[] Creates = typeof(ValueTuple).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(ValueTuple.Create) && m.GetGenericArguments().Length is >= 1 and <= 7)
        .OrderBy(m => m.GetGenericArguments().Length).ToArray();

    /// <summary>The dialect of the context's database.</summary>
    public static KeysetDialect Of(DatabaseFacade database) => database.IsNpgsql() ? Postgres : Sqlite;

    private static MethodCallExpression Literal(int value) => Expression.Call(IntConstant, Expression.Constant(value));

    private static Expression? Compare(IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values, bool descending) =>
        keys.Count > Creates.Length
            ? null
            : Expression.Call(descending ? LessThan : GreaterThan, Functions, Row(keys), Row(values));

    private static UnaryExpression Row(IReadOnlyList<Expression> items) =>
        Expression.Convert(Expression.Call(Creates[items.Count - 1].MakeGenericMethod([.. items.Select(i => i.Type)]), items), typeof(ITuple));

    private static MethodInfo Comparison(string name) =>
        typeof(NpgsqlDbFunctionsExtensions).GetMethod(name, [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
}
