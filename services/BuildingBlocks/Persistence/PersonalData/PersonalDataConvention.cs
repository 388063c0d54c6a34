using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Persistence.PersonalData;

/// <summary>
/// Stores every marked property encrypted, and beside each one marked for look-up a keyed hash
/// (<c>IdNumberHash</c>, indexed). Runs when the model is finalised, so that it sees the entities a
/// service adds after <see cref="ServiceDbContext"/>'s own configuration. The ciphers belong to one
/// host's key ring, hence a model per host (<see cref="PersonalDataModelCacheKeyFactory"/>).
/// </summary>
internal sealed class PersonalDataConvention(PersonalDataProtection? protection) : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().ToList())
        {
            foreach (var property in entityType.GetDeclaredProperties().ToList())
            {
                if (Protect(property) is { Lookup: true })
                {
                    var hash = entityType.Builder.Property(typeof(byte[]), PersonalDataModel.HashProperty(property))!;
                    entityType.Builder.HasIndex([hash.Metadata]);
                }
            }

            foreach (var complex in entityType.GetDeclaredComplexProperties())
            {
                ProtectComplex(complex.ComplexType);
            }
        }
    }

    private void ProtectComplex(IConventionComplexType complexType)
    {
        foreach (var property in complexType.GetDeclaredProperties())
        {
            if (Protect(property) is { Lookup: true })
            {
                throw Refuse(property, "is marked for look-up inside a complex type; declare it on the entity, where its hash can be indexed.");
            }
        }

        foreach (var nested in complexType.GetDeclaredComplexProperties())
        {
            ProtectComplex(nested.ComplexType);
        }
    }

    private SharedKernel.PersonalData.PersonalDataAttribute? Protect(IConventionProperty property)
    {
        var marker = PersonalDataModel.Marker(property);
        if (marker is null)
        {
            return null;
        }

        if (property.ClrType != typeof(string))
        {
            throw Refuse(property, $"is a {property.ClrType.Name}; only strings are protected.");
        }

        // Each encryption of a value differs (random IV): a key, foreign key or index on it would compare nothing.
        if (property.IsKey() || property.IsForeignKey() || property.IsIndex())
        {
            throw Refuse(property, "is a key or indexed; mark it Lookup and find it through its hash (WhereMatches) instead.");
        }

        var purpose = PersonalDataModel.Purpose(property);
        property.SetValueConverter(new PersonalDataConverter(protection?.Cipher(purpose) ?? PersonalDataCipher.Unavailable(purpose)));
        // The column holds the ciphertext, whose length is not the value's.
        property.SetMaxLength(null);
        return marker;
    }

    private static InvalidOperationException Refuse(IConventionProperty property, string why) =>
        new($"{PersonalDataModel.Purpose(property)} is marked [PersonalData] but {why}");
}

/// <summary>A marked string stored as a Data Protection payload.</summary>
internal sealed class PersonalDataConverter(PersonalDataCipher cipher)
    : ValueConverter<string, byte[]>(value => cipher.Protect(value), payload => cipher.Unprotect(payload));

/// <summary>
/// EF caches one model per context type and process; here a model also belongs to the host that
/// built it, because it holds that host's ciphers. One process runs one host in production; tests
/// run several, each with its own key ring.
/// </summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, PersonalDataModel.ProtectionOf(context));
}
