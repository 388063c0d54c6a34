using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Persistence.PersonalData;
using ServiceDefaults.OpenApi;

namespace Persistence.OpenApi;

/// <summary>
/// The lengths of the service's string columns, for the document's limits: a response field holds
/// no more than the column it is read from. Read from the EF model, which needs no connection. A column
/// of personal data holds the ciphertext, whose length says nothing of the value's: it is left to the
/// validators that bound the value (an unbounded column would otherwise make the field unbounded).
/// </summary>
internal sealed class ColumnLengths : IStoredLengthSource
{
    public IEnumerable<StoredLength> Lengths(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<DbContext>().Model;
        return model.GetEntityTypes()
            .SelectMany(Properties)
            .Where(property => property.ClrType == typeof(string) && PersonalDataModel.Marker(property) is null)
            .Select(property => new StoredLength(property.Name, property.GetMaxLength()))
            .ToList();
    }

    /// <summary>A type's own properties and those of its complex properties (a plan's details, an indicator's annotations).</summary>
    private static IEnumerable<IReadOnlyProperty> Properties(IReadOnlyTypeBase type) =>
        type.GetProperties().Concat(type.GetComplexProperties().SelectMany(complex => Properties(complex.ComplexType)));
}
