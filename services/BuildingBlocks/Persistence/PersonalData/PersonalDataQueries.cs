using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Persistence.PersonalData;

public static class PersonalDataQueries
{
    /// <summary>
    /// The rows whose marked property equals <paramref name="value"/> exactly, found by the keyed
    /// hash stored beside it (an index look-up; no row is decrypted). The property must be marked
    /// <c>[PersonalData(…, Lookup = true)]</c>. Normalise the value as the command that stored it did.
    /// </summary>
    public static IQueryable<T> WhereMatches<T>(this DbSet<T> set, Expression<Func<T, string?>> property, string value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = property.Body is MemberExpression { Expression: ParameterExpression } member
            ? member.Member.Name
            : throw new ArgumentException("Name a property of the entity: p => p.IdNumber.", nameof(property));
        var metadata = set.EntityType.FindProperty(name);
        if (metadata is null || PersonalDataModel.Marker(metadata) is not { Lookup: true })
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{name} is not personal data marked for look-up ([PersonalData(…, Lookup = true)]).");
        }

        var context = set.GetService<ICurrentDbContext>().Context;
        var protection = PersonalDataModel.ProtectionOf(context)
            ?? throw new InvalidOperationException("This context has no personal-data protection (register it with AddServiceDatabase).");
        var hash = protection.LookupHash(PersonalDataModel.Purpose(metadata), value);
        var column = PersonalDataModel.HashProperty(metadata);
        return set.Where(row => EF.Property<byte[]>(row, column) == hash);
    }
}
