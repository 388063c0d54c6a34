using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Auth;
using SharedKernel.PersonalData;

namespace ServiceDefaults.Json;

/// <summary>
/// Masks the response properties marked <c>[PersonalData]</c> unless the caller holds the service's
/// personal-data scope (<see cref="ServiceDescription.PersonalDataScope"/>; a service without one shows
/// them to nobody). Decided by the JSON contract, once per type: a type without marked properties is
/// serialised exactly as before. Reading a request is untouched.
/// </summary>
public static class PersonalDataJson
{
    /// <summary>Whether the caller of this request may see personal data in clear.</summary>
    public static bool CallerMaySee(HttpContext? context) =>
        context?.RequestServices.GetService<ServiceDescription>() is { PersonalDataScope: { } scope } && context.User.HasScope(scope);

    internal static void Apply(JsonSerializerOptions options, IHttpContextAccessor http) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(contract => MaskMarkedProperties(contract, http));

    private static void MaskMarkedProperties(JsonTypeInfo contract, IHttpContextAccessor http)
    {
        if (contract.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in contract.Properties)
        {
            if (PersonalDataMarker.Find(property.AttributeProvider as MemberInfo) is not { } marker || property.Get is not { } get)
            {
                continue;
            }

            if (property.PropertyType != typeof(string))
            {
                throw new InvalidOperationException(
                    $"{contract.Type.Name}.{property.Name} is marked [PersonalData] but is a {property.PropertyType.Name}; only strings are masked.");
            }

            var kind = marker.Kind;
            property.Get = owner =>
            {
                var value = get(owner);
                return value is string text && !CallerMaySee(http.HttpContext) ? PersonalDataMask.Mask(kind, text) : value;
            };
        }
    }
}
