using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SharedKernel.PersonalData;

namespace Persistence.PersonalData;

/// <summary>
/// Refuses a query that filters, sorts or groups by a marked property. Its column holds a
/// ciphertext that differs at every encryption, so such a query would run and silently find nothing
/// (or sort by noise). Projecting it (<c>Select</c>) decrypts it and is fine; so is a test for null.
/// Runs once per query shape, when EF compiles it.
/// </summary>
internal sealed class PersonalDataQueryGuard : IQueryExpressionInterceptor
{
    /// <summary>
    /// The one instance. EF keys its internal service provider by the singleton interceptors it is
    /// given, so an instance per host would build a provider (and a model cache) per host.
    /// </summary>
    public static readonly PersonalDataQueryGuard Instance = new();

    private PersonalDataQueryGuard()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        new OperatorVisitor().Visit(queryExpression);
        return queryExpression;
    }

    /// <summary>Finds the lambdas of query operators other than projections.</summary>
    private sealed class OperatorVisitor : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Queryable) && node.Method.Name is not (nameof(Queryable.Select) or nameof(Queryable.SelectMany)))
            {
                foreach (var argument in node.Arguments)
                {
                    if (StripQuotes(argument) is LambdaExpression lambda)
                    {
                        new MarkedMemberVisitor().Visit(lambda.Body);
                    }
                }
            }

            return base.VisitMethodCall(node);
        }

        private static Expression StripQuotes(Expression expression) =>
            expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : expression;
    }

    private sealed class MarkedMemberVisitor : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual
                && (IsNull(node.Left) ? node.Right : IsNull(node.Right) ? node.Left : null) is MemberExpression member)
            {
                // Null stays null in the column: "has no phone" is a fair question.
                Visit(member.Expression);
                return node;
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (PersonalDataMarker.Find(node.Member) is not null)
            {
                throw new InvalidOperationException(
                    $"{node.Member.DeclaringType?.Name}.{node.Member.Name} is personal data, stored encrypted: a query cannot filter, sort or " +
                    "group by it. Mark it [PersonalData(…, Lookup = true)] and find exact values with WhereMatches.");
            }

            return base.VisitMember(node);
        }

        private static bool IsNull(Expression expression) => expression is ConstantExpression { Value: null }
            || expression is UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression { Value: null } };
    }
}
