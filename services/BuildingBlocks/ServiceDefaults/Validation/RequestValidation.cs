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
/// Runs the FluentValidation validator of every handler argument that has one, once, before
/// the handler. Apply it to a route group and each endpoint of the group is covered.
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

    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var registry = factoryContext.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var validated = factoryContext.MethodInfo.GetParameters()
                .Select((parameter, index) => (Index: index, Validator: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
                .Where(p => registry.IsService(p.Validator))
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return async invocation =>
            {
                foreach (var (index, validatorType) in validated)
                {
                    if (invocation.Arguments[index] is not { } argument)
                    {
                        continue;
                    }

                    var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                    await ValidateAsync(validator, argument, invocation.HttpContext.RequestAborted);
                }

                return await next(invocation);
            };
        });

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
