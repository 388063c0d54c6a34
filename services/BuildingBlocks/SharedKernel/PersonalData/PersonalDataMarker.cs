using System.Collections.Concurrent;
using System.Reflection;

namespace SharedKernel.PersonalData;

/// <summary>Finds the <see cref="PersonalDataAttribute"/> of a member, wherever C# put it.</summary>
public static class PersonalDataMarker
{
    private static readonly string[] IdentityAttributes =
        ["Microsoft.AspNetCore.Identity.PersonalDataAttribute", "Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute"];

    private static readonly ConcurrentDictionary<MemberInfo, PersonalDataAttribute?> Markers = new();

    /// <summary>
    /// The marker of a property or field: on the member itself, or on the parameter of the same name
    /// of a positional record's constructor (where C# puts an attribute written without
    /// <c>property:</c>). Null when the member is not personal data.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The member carries ASP.NET Identity's attribute of the same name, which would protect nothing.
    /// </exception>
    public static PersonalDataAttribute? Find(MemberInfo? member) => member is null ? null : Markers.GetOrAdd(member, Read);

    private static PersonalDataAttribute? Read(MemberInfo member)
    {
        var marker = member.GetCustomAttribute<PersonalDataAttribute>() ?? FromConstructorParameter(member);
        if (marker is null && member.GetCustomAttributes(inherit: true).Any(a => IsIdentityAttribute(a.GetType())))
        {
            throw new InvalidOperationException(
                $"{member.DeclaringType?.Name}.{member.Name} carries ASP.NET Identity's [PersonalData], which protects nothing here; " +
                $"mark it with {typeof(PersonalDataAttribute).FullName}.");
        }

        return marker;
    }

    private static PersonalDataAttribute? FromConstructorParameter(MemberInfo member)
    {
        var type = member is PropertyInfo property ? property.PropertyType : (member as FieldInfo)?.FieldType;
        return member.DeclaringType?.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.Name == member.Name && p.ParameterType == type)
            .Select(p => p.GetCustomAttribute<PersonalDataAttribute>())
            .FirstOrDefault(a => a is not null);
    }

    private static bool IsIdentityAttribute(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (IdentityAttributes.Contains(type.FullName))
            {
                return true;
            }
        }

        return false;
    }
}
