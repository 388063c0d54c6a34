using System.Linq.Expressions;

namespace ServiceDefaults.Paging;

/// <summary>An expression with one of its lambda's parameters replaced: by another parameter, or by a value.</summary>
public sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
