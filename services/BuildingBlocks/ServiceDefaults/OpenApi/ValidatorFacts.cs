using System.Reflection;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDefaults.OpenApi;

/// <summary>What the validators say of one member, whatever the circumstances (rules under a condition say nothing).</summary>
/// <param name="Required">NotNull or NotEmpty: absent or null is refused.</param>
/// <param name="MaxLength">The longest string accepted.</param>
/// <param name="ItemMaxLength">The longest string accepted in each item of a collection.</param>
/// <param name="Pattern">A regular expression the value must match.</param>
internal sealed record MemberFacts(bool Required, int? MaxLength, int? ItemMaxLength, string? Pattern)
{
    public static readonly MemberFacts None = new(false, null, null, null);

    /// <summary>What two validators of the same member both say: required only if both require, a limit only if both set one (the larger).</summary>
    public MemberFacts Meet(MemberFacts other) => new(Required && other.Required, Larger(MaxLength, other.MaxLength),
        Larger(ItemMaxLength, other.ItemMaxLength), Pattern == other.Pattern ? Pattern : null);

    private static int? Larger(int? a, int? b) => a is { } x && b is { } y ? Math.Max(x, y) : null;
}

/// <summary>
/// The FluentValidation rules of the service read as facts for its document: for a model, which members
/// every validator of a message carrying it requires and bounds. A message carries a model by deriving
/// from it (<c>CreateTask : CreateTaskRequest</c>) or by being made from it: a public constructor takes the
/// model and copies its fields (<c>RegisterEnterprise(CreateEnterpriseRequest, …)</c> derives from their
/// common base, and copies the credit code). A message that keeps the model as a member of its own
/// (<c>ReseedPlan.Plan</c>) validates it by child rules, as a nested model (a baseline, a target) is
/// validated by the child rules of its parent's validators. Validators are resolved once, from a scope of their own.
/// </summary>
internal sealed class ValidatorFacts
{
    private readonly Dictionary<Type, List<Dictionary<string, MemberFacts>>> byModel = [];

    public ValidatorFacts(IServiceProvider services, ServiceDescription service)
    {
        using var scope = services.CreateScope();
        foreach (var type in service.Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(type);
            foreach (var validator in scope.ServiceProvider.GetServices(validatorType).OfType<IValidator>())
            {
                Read(validator, type);
            }
        }
    }

    /// <summary>Every validated member name (camelCase, as JSON spells it) with what all validators of <paramref name="model"/> say.</summary>
    public IReadOnlyDictionary<string, MemberFacts>? For(Type model)
    {
        var sets = byModel.Where(entry => Carries(entry.Key, model)).SelectMany(entry => entry.Value).ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        return sets.SelectMany(set => set.Keys).Distinct()
            .ToDictionary(name => name, name => sets.Select(set => set.GetValueOrDefault(name, MemberFacts.None)).Aggregate((a, b) => a.Meet(b)));
    }

    /// <summary>Every limit any validator sets, by member name, for the service-wide catalogue.</summary>
    public IEnumerable<(string Name, MemberFacts Facts)> All() =>
        byModel.Values.SelectMany(sets => sets).SelectMany(set => set.Select(member => (member.Key, member.Value)));

    /// <summary>
    /// Whether <paramref name="message"/> is a <paramref name="model"/>, or is made from exactly that model
    /// and keeps no member of it (its fields are the message's own). A constructor taking a base of the
    /// model (an update made from any set of fields) says nothing of the model.
    /// </summary>
    private static bool Carries(Type message, Type model) =>
        model.IsAssignableFrom(message)
        || (message.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == model))
            && !message.GetProperties().Any(p => p.PropertyType == model));

    private void Read(IValidator validator, Type model)
    {
        var facts = new Dictionary<string, MemberFacts>();
        Collect(validator, facts);
        if (!byModel.TryGetValue(model, out var sets))
        {
            byModel[model] = sets = [];
        }

        sets.Add(facts);
    }

    private void Collect(IValidator validator, Dictionary<string, MemberFacts> facts)
    {
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            if (rule is IIncludeRule)
            {
                foreach (var included in rule.Components.Select(c => Inner(c.Validator)).OfType<IValidator>())
                {
                    Collect(included, facts);
                }

                continue;
            }

            if (rule.PropertyName is not { } property || property.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var name = JsonNamingPolicy.CamelCase.ConvertName(property);
            var collection = IsCollectionRule(rule);
            var member = facts.GetValueOrDefault(name, MemberFacts.None);
            foreach (var component in rule.Components.Where(c => !c.HasCondition && !c.HasAsyncCondition))
            {
                member = component.Validator switch
                {
                    INotNullValidator or INotEmptyValidator when !collection => member with { Required = true },
                    ILengthValidator { Max: > 0 } length when collection => member with { ItemMaxLength = length.Max },
                    ILengthValidator { Max: > 0 } length => member with { MaxLength = length.Max },
                    IRegularExpressionValidator regex when !collection => member with { Pattern = regex.Expression },
                    IChildValidatorAdaptor when Inner(component.Validator) is { } nested => ReadNested(nested, member),
                    _ => member,
                };
            }

            facts[name] = member;
        }
    }

    /// <summary>Child rules (of a baseline, of each target) are the rules of the child's own model.</summary>
    private MemberFacts ReadNested(IValidator nested, MemberFacts member)
    {
        if (nested.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            is { } validatorOf)
        {
            Read(nested, validatorOf.GetGenericArguments()[0]);
        }

        return member;
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>
    /// The validator a child adaptor wraps. FluentValidation exposes it only through GetValidator, which
    /// wants a context it ignores when the adaptor was built from an instance (Include, ChildRules); one
    /// built from a factory (SetValidator with a lambda) cannot be read without a message, and says nothing.
    /// </summary>
    private static IValidator? Inner(IPropertyValidator adaptor)
    {
        var type = adaptor.GetType();
        if (adaptor is not IChildValidatorAdaptor
            || type.GetMethod("GetValidator", BindingFlags.Public | BindingFlags.Instance) is not { } getValidator
            || getValidator.GetParameters() is not [var contextParameter, _])
        {
            return null;
        }

        var context = Activator.CreateInstance(contextParameter.ParameterType, [null]);
        try
        {
            return getValidator.Invoke(adaptor, [context, null]) as IValidator;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
