using System.Linq.Expressions;

namespace ServiceDefaults.Paging;

/// <summary>
/// The values a query's builder reads, each by its name, as expressions of the query: the parameters of a query compiled
/// once for its shape (Persistence's <c>CompiledQueries</c>), or members holding this request's values, which EF Core
/// sends as the parameters of an ordinary query (<see cref="Holding"/>). A builder reads every value that varies from one
/// request to the next through them, and decides what the query is from its shape alone, so that both give one statement.
/// </summary>
public abstract class QueryParameters
{
    /// <summary>The value named <paramref name="name"/>, of type <paramref name="type"/>.</summary>
    public abstract Expression Of(string name, Type type);

    /// <summary>The value named <paramref name="name"/>, of type <typeparamref name="TValue"/>.</summary>
    public Expression Of<TValue>(string name) => Of(name, typeof(TValue));

    /// <summary><paramref name="predicate"/> with the value named <paramref name="name"/> in place of its second parameter.</summary>
    public Expression<Func<T, bool>> Bind<T, TValue>(Expression<Func<T, TValue, bool>> predicate, string name) =>
        Expression.Lambda<Func<T, bool>>(new ParameterReplacer(predicate.Parameters[1], Of<TValue>(name)).Visit(predicate.Body),
            predicate.Parameters[0]);

    /// <summary>
    /// <paramref name="predicate"/> with the values named <paramref name="names"/> in place of its parameters after the first,
    /// in order, for a condition on several values (a range's two ends).
    /// </summary>
    public Expression<Func<T, bool>> Bind<T>(LambdaExpression predicate, params string[] names)
    {
        if (predicate.Parameters.Count != names.Length + 1 || predicate.Parameters[0].Type != typeof(T) || predicate.ReturnType != typeof(bool))
        {
            throw new ArgumentException($"A condition on a {typeof(T).Name} and {names.Length} values, one for each name, was expected.",
                nameof(predicate));
        }

        var body = predicate.Body;
        for (var i = 0; i < names.Length; i++)
        {
            body = new ParameterReplacer(predicate.Parameters[i + 1], Of(names[i], predicate.Parameters[i + 1].Type)).Visit(body);
        }

        return Expression.Lambda<Func<T, bool>>(body, predicate.Parameters[0]);
    }

    /// <summary>The values of <paramref name="values"/>, each held in an object of its own, which EF Core reads as a parameter.</summary>
    public static QueryParameters Holding(IReadOnlyDictionary<string, object?> values) => new Held(values);

    private sealed class Held(IReadOnlyDictionary<string, object?> values) : QueryParameters
    {
        public override Expression Of(string name, Type type)
        {
            var holder = Activator.CreateInstance(typeof(HeldValue<>).MakeGenericType(type), values[name])!;
            return Expression.Field(Expression.Constant(holder), nameof(HeldValue<int>.Value));
        }
    }
}
