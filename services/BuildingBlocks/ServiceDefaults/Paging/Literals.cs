using System.Linq.Expressions;

namespace ServiceDefaults.Paging;

/// <summary>
/// Values written into a statement as literals, not sent as parameters: a value that decides the plan (a type a sixth of
/// the rows hold, the day "held today" reads, the client of an audit trail), so that PostgreSQL keeps one generic plan of
/// each statement.
/// <para>
/// A literal here is a constant of the LINQ expression. EF Core compiles the query once for each value and keeps its SQL,
/// as it does for any query. <c>EF.Constant</c> is not used: EF Core 9 and later carry its value as a parameter and write
/// it into the SQL on each execution, so they generated the SQL of the statement again on every request, one request at
/// a time (under a lock of the query's): a quarter of the enterprise list's CPU on SQLite, profiled at 16 connections.
/// A page size on PostgreSQL is the one value written otherwise (<see cref="KeysetDialect.Count"/>): EF Core makes a
/// parameter of a constant count.
/// </para>
/// </summary>
public static class Literals
{
    /// <summary><paramref name="predicate"/> with <paramref name="value"/>, a constant, in place of its second parameter.</summary>
    public static Expression<Func<T, bool>> Bind<T, TValue>(Expression<Func<T, TValue, bool>> predicate, TValue value) =>
        Expression.Lambda<Func<T, bool>>(
            new ParameterReplacer(predicate.Parameters[1], Expression.Constant(value, typeof(TValue))).Visit(predicate.Body),
            predicate.Parameters[0]);
}
