using SharedKernel.Errors;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Validation;

/// <summary>
/// How FluentValidation reports to callers: field names as the JSON spells them. Validators run in
/// the Mediator pipeline (<see cref="Messaging.ValidationBehaviour{TMessage, TResponse}"/>) and for
/// merged patches (<see cref="JsonMergePatch"/>).
/// </summary>
public static class RequestValidation
{
    /// <summary>
    /// camelCase property paths in messages and in <c>errors</c>, matching the JSON; and each rule
    /// stops at its first failure, so a missing value is not also reported as malformed.
    /// </summary>
    public static void ConfigureGlobalOptions()
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : PropertyPath(expression) ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    /// <summary>The whole member chain of a rule, camelCased (<c>i => i.Baseline!.Year</c> is <c>baseline.year</c>), as the JSON names it.</summary>
    private static string? PropertyPath(LambdaExpression? expression)
    {
        var names = new List<string>();
        var node = expression?.Body;
        while (node is MemberExpression or UnaryExpression)
        {
            if (node is MemberExpression member)
            {
                names.Insert(0, JsonNamingPolicy.CamelCase.ConvertName(member.Member.Name));
                node = member.Expression;
            }
            else
            {
                node = ((UnaryExpression)node).Operand;
            }
        }

        return names.Count > 0 && node is ParameterExpression ? string.Join('.', names) : null;
    }

    /// <summary>Throws <see cref="RuleViolationException"/> with every failure, keyed by field.</summary>
    public static async Task ValidateAsync(IValidator validator, object instance, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(new ValidationContext<object>(instance), cancellationToken);
        if (!result.IsValid)
        {
            throw new RuleViolationException(result.ToDictionary());
        }
    }
}
