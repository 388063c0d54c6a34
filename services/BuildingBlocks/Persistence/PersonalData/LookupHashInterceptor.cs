using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Persistence.PersonalData;

/// <summary>
/// Keeps the keyed hash beside each property marked for look-up in step with its value, in the
/// SaveChanges that writes the value. A model without such properties costs one cached check.
/// </summary>
internal sealed class LookupHashInterceptor(PersonalDataProtection protection) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null || !PersonalDataModel.HasLookups(context.Model))
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in PersonalDataModel.LookupProperties(entry.Metadata))
            {
                var value = entry.Property(property);
                if (entry.State == EntityState.Added || value.IsModified)
                {
                    entry.Property(PersonalDataModel.HashProperty(property)).CurrentValue = value.CurrentValue is string text
                        ? protection.LookupHash(PersonalDataModel.Purpose(property), text)
                        : null;
                }
            }
        }
    }
}
