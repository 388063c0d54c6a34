using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ServiceDefaults.Paging;

namespace Persistence;

/// <summary>
/// The queries of one list compiled by EF Core once for each shape (<c>EF.CompileAsyncQuery</c>), each run with the values
/// of its request. For an ordinary query EF Core walks the whole expression on every run, to find the values that become
/// parameters and to look its compiled form up by the expression's structure: a fifth of the enterprise list's CPU.
/// A compiled query skips both and takes the values as its parameters. A shape's count (<see cref="CountAsync"/>, a list's
/// totalCount) is compiled apart from its items, the same way.
/// </summary>
/// <remarks>
/// The builder makes the query of a shape, reading every value that varies from one request to the next through the
/// <see cref="QueryParameters"/> it is given, and deciding what the query is from the shape alone: the shape must hold
/// everything the builder writes into the statement as a literal (<see cref="Literals"/>). A builder that captured a
/// value of its own would have it fixed in the compiled query: compiling refuses an expression that holds any value
/// other than constants, the query's parameters and the queries and conditions it captured. EF Core takes at most 15
/// parameters (14 for a count, which also takes the request's cancellation); a shape that reads more runs as an ordinary
/// query. A compiled query runs only on the model it was compiled
/// for, and EF Core keeps models in a cache that may build one again (a test process that runs many services did), so a
/// shape is compiled for each model.
/// At most <see cref="Capacity"/> are kept; past it they are compiled anew.
/// </remarks>
public sealed class CompiledQueries<TContext, TShape, TResult>(Func<TContext, TShape, QueryParameters, IQueryable<TResult>> build)
    where TContext : DbContext
    where TShape : notnull
{
    public const int Capacity = 256;

    /// <summary>EF.CompileAsyncQuery of a query of items, for each number of parameters.</summary>
    private static readonly MethodInfo[] CompileAsync = CompileAsyncOf(typeof(IAsyncEnumerable<>), query => query.IsGenericType
        && query.GetGenericTypeDefinition() == typeof(IQueryable<>), cancellable: false);

    /// <summary>
    /// EF.CompileAsyncQuery of a query's count (a value, not a query) that takes a cancellation token, for each number of
    /// parameters. A query of items is cancelled as it is read (<c>WithCancellation</c>).
    /// </summary>
    private static readonly MethodInfo[] CompileCountAsync = CompileAsyncOf(typeof(Task<>), query => query.IsGenericParameter, cancellable: true);

    private static readonly MethodInfo ValueOf = typeof(CompiledQueries<TContext, TShape, TResult>)
        .GetMethod(nameof(Value), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<(IModel Model, TShape Shape), Func<TContext, IReadOnlyDictionary<string, object?>, IAsyncEnumerable<TResult>>> compiled = new();

    private readonly ConcurrentDictionary<(IModel Model, TShape Shape), Func<TContext, IReadOnlyDictionary<string, object?>, CancellationToken, Task<int>>> counts =
        new();

    /// <summary>The query of <paramref name="shape"/>, compiled at its first run, with <paramref name="values"/> as its parameters.</summary>
    public IAsyncEnumerable<TResult> Run(TContext db, TShape shape, IReadOnlyDictionary<string, object?> values) =>
        (compiled.TryGetValue((db.Model, shape), out var run) ? run : Added(compiled, (db.Model, shape), CompileQuery(db, shape)))(db, values);

    /// <summary>
    /// The number of items of the query of <paramref name="shape"/> (a <c>COUNT(*)</c> of it), compiled at its first count,
    /// with <paramref name="values"/> as its parameters. Cancelled with <paramref name="cancellationToken"/> (a request the client
    /// left), as the database runs it.
    /// </summary>
    public Task<int> CountAsync(TContext db, TShape shape, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken) =>
        (counts.TryGetValue((db.Model, shape), out var count) ? count : Added(counts, (db.Model, shape), CompileCount(db, shape)))(db, values,
            cancellationToken);

    /// <summary>The query of <paramref name="shape"/> as an ordinary query, holding <paramref name="values"/>, not compiled.</summary>
    public IQueryable<TResult> Query(TContext db, TShape shape, IReadOnlyDictionary<string, object?> values) =>
        build(db, shape, QueryParameters.Holding(values));

    private static TRun Added<TRun>(ConcurrentDictionary<(IModel Model, TShape Shape), TRun> cache, (IModel, TShape) key, TRun compiled)
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, compiled);
    }

    private Func<TContext, IReadOnlyDictionary<string, object?>, IAsyncEnumerable<TResult>> CompileQuery(TContext db, TShape shape) =>
        Compile(db, shape, CompileAsync, query => query, typeof(TResult),
            (Func<TContext, IReadOnlyDictionary<string, object?>, IAsyncEnumerable<TResult>>)((context, values) =>
                Query(context, shape, values).AsAsyncEnumerable()));

    private Func<TContext, IReadOnlyDictionary<string, object?>, CancellationToken, Task<int>> CompileCount(TContext db, TShape shape) =>
        Compile(db, shape, CompileCountAsync, Counted, typeof(int),
            (Func<TContext, IReadOnlyDictionary<string, object?>, CancellationToken, Task<int>>)((context, values, ct) =>
                Query(context, shape, values).CountAsync(ct)));

    /// <summary>
    /// The query of <paramref name="shape"/>, <paramref name="result"/> of it (itself, or its count, of
    /// <paramref name="resultType"/>), compiled by one of <paramref name="compileAsync"/>, as a <typeparamref name="TRun"/>
    /// that takes the context and the values, and then whatever else the compiled query takes (a cancellation token); run as
    /// <paramref name="uncompiled"/> when it reads more values than EF Core takes.
    /// </summary>
    private TRun Compile<TRun>(TContext db, TShape shape, MethodInfo[] compileAsync, Func<Expression, Expression> result, Type resultType,
        TRun uncompiled) where TRun : Delegate
    {
        var declared = new Declared();
        var body = result(Inlined.Of(build(db, shape, declared).Expression));
        if (declared.Parameters.Count >= compileAsync.Length)
        {
            return uncompiled;
        }

        // (context, values[, cancellationToken]) => executor(context, Value<T1>(values, "name1"), …[, cancellationToken])
        var run = typeof(TRun).GetMethod(nameof(Action.Invoke))!.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToList();
        var passed = run.Skip(2).ToList();
        var context = Expression.Parameter(typeof(TContext), "context");
        var query = Expression.Lambda(body, [context, .. declared.Parameters, .. passed.Select(p => Expression.Parameter(p.Type, p.Name))]);
        var compile = compileAsync[declared.Parameters.Count]
            .MakeGenericMethod([typeof(TContext), .. declared.Parameters.Select(p => p.Type), resultType]);
        var executor = (Delegate)compile.Invoke(null, [query])!;

        var arguments = declared.Parameters.Select(p => (Expression)Expression.Call(ValueOf.MakeGenericMethod(p.Type), run[1], Expression.Constant(p.Name)));
        var invoke = Expression.Invoke(Expression.Constant(executor), [run[0], .. arguments, .. passed]);
        return Expression.Lambda<TRun>(invoke, run).Compile();
    }

    /// <summary>The count of a query of items: <c>Queryable.Count</c> of it.</summary>
    private static Expression Counted(Expression query) => Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(TResult)], query);

    /// <summary>
    /// The overloads of EF.CompileAsyncQuery, by their number of parameters after the context, whose lambda returns what
    /// <paramref name="returns"/> accepts, takes a cancellation token last or not as <paramref name="cancellable"/> says, and
    /// which return a delegate of <paramref name="result"/>.
    /// </summary>
    private static MethodInfo[] CompileAsyncOf(Type result, Func<Type, bool> returns, bool cancellable) =>
        typeof(EF).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(EF.CompileAsyncQuery) && m.ReturnType.IsGenericType
            && m.ReturnType.GetGenericArguments()[^1] is { IsGenericType: true } run && run.GetGenericTypeDefinition() == result
            && m.GetParameters()[0].ParameterType.GetGenericArguments()[0].GetGenericArguments() is var lambda
            && returns(lambda[^1]) && lambda.Contains(typeof(CancellationToken)) == cancellable)
        .OrderBy(m => m.GetGenericArguments().Length)
        .ToArray();

    private static T Value<T>(IReadOnlyDictionary<string, object?> values, string name) => values[name] is T value ? value : default!;

    /// <summary>The parameters of a query being compiled, one for each name the builder reads.</summary>
    private sealed class Declared : QueryParameters
    {
        public List<ParameterExpression> Parameters { get; } = [];

        public override Expression Of(string name, Type type)
        {
            if (Parameters.Find(p => p.Name == name) is { } declared)
            {
                return declared.Type == type
                    ? declared
                    : throw new InvalidOperationException($"The query's value '{name}' is read as {declared.Type.Name} and as {type.Name}.");
            }

            var parameter = Expression.Parameter(type, name);
            Parameters.Add(parameter);
            return parameter;
        }
    }

    /// <summary>
    /// The query with the queries and the lambdas a builder captured in its lambdas (a subquery or a condition kept in a
    /// variable) in their place, as EF Core puts them; any other value a builder captured (a member of a constant object) is refused, since compiling
    /// would fix it.
    /// </summary>
    private sealed class Inlined : ExpressionVisitor
    {
        public static Expression Of(Expression query) => new Inlined().Visit(query);

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is not ConstantExpression { Value: { } holder })
            {
                return base.VisitMember(node);
            }

            var value = node.Member switch
            {
                FieldInfo field => field.GetValue(holder),
                PropertyInfo property => property.GetValue(holder),
                _ => null,
            };
            return value switch
            {
                IQueryable captured => Visit(captured.Expression),
                LambdaExpression lambda => Expression.Quote(Visit(lambda)),
                _ => throw new InvalidOperationException(
                    $"The compiled query holds {holder.GetType().Name}.{node.Member.Name}, which it would keep for every run; read it through QueryParameters."),
            };
        }
    }
}
