using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SharedKernel.PersonalData;

namespace Persistence.PersonalData;

/// <summary>What the model says about personal data: which properties are marked, and how they are stored.</summary>
public static class PersonalDataModel
{
    private const string LookupPropertiesAnnotation = "PersonalData:LookupProperties";
    private const string HasLookupsAnnotation = "PersonalData:HasLookups";

    /// <summary>The marker of a mapped property, or null when it is not personal data.</summary>
    public static PersonalDataAttribute? Marker(IReadOnlyPropertyBase property) =>
        property.IsShadowProperty() ? null : PersonalDataMarker.Find(property.PropertyInfo ?? (System.Reflection.MemberInfo?)property.FieldInfo);

    /// <summary>
    /// The Data Protection purpose and hash key name of a marked property: <c>Entity.Property</c>.
    /// Stored values can be read only under the name they were written with: renaming a marked
    /// property or its entity needs a step that re-encrypts (and re-hashes) the stored values.
    /// </summary>
    public static string Purpose(IReadOnlyPropertyBase property) => $"{property.DeclaringType.ClrType.Name}.{property.Name}";

    /// <summary>The shadow property holding the keyed hash of a property marked for look-up.</summary>
    public static string HashProperty(IReadOnlyPropertyBase property) => property.Name + "Hash";

    /// <summary>The properties of an entity type that carry a look-up hash.</summary>
    internal static IReadOnlyList<IProperty> LookupProperties(IEntityType entityType) =>
        entityType.GetOrAddRuntimeAnnotationValue(LookupPropertiesAnnotation,
            static type => type!.GetProperties().Where(p => Marker(p) is { Lookup: true }).ToArray(), entityType);

    internal static bool HasLookups(IModel model) =>
        model.GetOrAddRuntimeAnnotationValue(HasLookupsAnnotation,
            static m => m!.GetEntityTypes().Any(t => LookupProperties(t).Count > 0), model);

    /// <summary>The protection of the host whose service provider built this context; null at design time.</summary>
    internal static PersonalDataProtection? ProtectionOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService(typeof(PersonalDataProtection)) as PersonalDataProtection;
}
