using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using ServiceDefaults.Paging;

namespace Persistence;

/// <summary>
/// What EF Core offers keyset paging (<see cref="Keyset{T}"/>) beyond plain LINQ: the page size as a literal
/// (<see cref="KeysetDialect.Count"/>, <see cref="Literal(int)"/>), and row-value
/// comparisons on PostgreSQL, <c>(k1, k2) &gt; (v1, v2)</c>, written as Npgsql translates them
/// (<c>EF.Functions.GreaterThan(ValueTuple.Create(…), ValueTuple.Create(…))</c>); on SQLite none, and the keyset spells
/// the position key by key.
/// </summary>
public static class KeysetDialects
{
    private static readonly MethodInfo IntLiteral = typeof(KeysetDialects).GetMethod(nameof(Literal), [typeof(int)])!;
    private static readonly KeysetDialect Postgres = new(Compare, AsLiteral);
    private static readonly KeysetDialect Sqlite = new(null, AsLiteral);
    private static readonly MethodInfo GreaterThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.GreaterThan));
    private static readonly MethodInfo LessThan = Comparison(nameof(NpgsqlDbFunctionsExtensions.LessThan));
    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    // ValueTuple.Create takes one to seven items plainly (an eighth nests); sorts take at most SortFields.MaxTerms + 1 keys.
    private static readonly MethodInfo[] Creates = typeof(ValueTuple).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(ValueTuple.Create) && m.GetGenericArguments().Length is >= 1 and <= 7)
        .OrderBy(m => m.GetGenericArguments().Length).ToArray();

    /// <summary>The dialect of the context's database.</summary>
    public static KeysetDialect Of(DatabaseFacade database) => database.IsPostgres() ? Postgres : Sqlite;

    /// <summary>
    /// <paramref name="value"/> written into the statement as a literal, in a query (<see cref="AddLiterals"/> maps it):
    /// EF Core keeps the argument a constant (it is not parameterized) and compiles the query, and writes its SQL, once
    /// for each value. <c>EF.Constant</c> says the same, but EF Core 9 and later carry its value as a parameter and write
    /// the SQL again on every execution, one execution at a time: the enterprise list cost the service 14% more CPU a
    /// request so (bench/register.sh at 20,000 enterprises, 16 connections).
    /// </summary>
    public static int Literal([NotParameterized] int value) =>
        throw new InvalidOperationException($"{nameof(KeysetDialects)}.{nameof(Literal)} is for queries, where the database reads it.");

    /// <summary>Maps <see cref="Literal(int)"/> in the model: its translation is its argument, the literal.</summary>
    public static void AddLiterals(this ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(IntLiteral).HasTranslation(arguments => arguments[0]);

    private static MethodCallExpression AsLiteral(int count) => Expression.Call(IntLiteral, Expression.Constant(count));

    private static Expression? Compare(IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values, bool descending) =>
        keys.Count > Creates.Length
            ? null
            : Expression.Call(descending ? LessThan : GreaterThan, Functions, Row(keys), Row(values));

    private static UnaryExpression Row(IReadOnlyList<Expression> items) =>
        Expression.Convert(Expression.Call(Creates[items.Count - 1].MakeGenericMethod([.. items.Select(i => i.Type)]), items), typeof(ITuple));

    private static MethodInfo Comparison(string name) =>
        typeof(NpgsqlDbFunctionsExtensions).GetMethod(name, [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
}
