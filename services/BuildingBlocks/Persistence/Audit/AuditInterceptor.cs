using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Persistence.PersonalData;
using ServiceDefaults.Auth;
using SharedKernel.PersonalData;

namespace Persistence.Audit;

/// <summary>
/// Writes an <see cref="AuditRecord"/> for every entity added, changed or removed, in the same
/// SaveChanges (so in the same transaction) as the change itself. Owned collections (an
/// indicator's targets, a task's units) are reported as a field of their owner. A property marked
/// <c>[PersonalData]</c> is recorded as its mask, before and after: never its value, nor its ciphertext.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Record(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Record(context);
        }

        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext context) => context.AddRange(Collect(context));

    /// <summary>
    /// The records of what the context tracks as added, changed or removed, for a writer that saves those
    /// entities itself rather than through SaveChanges (a bulk import's COPY on PostgreSQL).
    /// </summary>
    public List<AuditRecord> Collect(DbContext context)
    {
        // Entries() detects changes itself, unless the writer turned that off: then it has detected them (a bulk import does, per batch).
        var entries = context.ChangeTracker.Entries().ToList();
        // Owned rows (an indicator's targets, a task's units) of collections with a change, by owner.
        var changedCollections = entries
            .Where(e => e.Metadata.IsOwned())
            .GroupBy(e => (Owner: OwnerKey(e), Navigation: e.Metadata.FindOwnership()!.PrincipalToDependent!.Name))
            .Where(g => g.Any(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
            .ToLookup(g => g.Key.Owner);
        var stamp = Stamp();
        var records = new List<AuditRecord>();
        foreach (var root in entries.Where(e => !e.Metadata.IsOwned() && IsAudited(e)))
        {
            var collections = changedCollections[RootKey(root)].ToList();
            if (root.State == EntityState.Unchanged && collections.Count == 0)
            {
                continue;
            }

            var changes = FieldChanges(root);
            foreach (var owned in collections)
            {
                changes[Camel(owned.Key.Navigation)] = new Change(
                    root.State == EntityState.Added ? null : owned.Where(e => e.State != EntityState.Added).Select(e => Values(e, original: true)).ToList(),
                    root.State == EntityState.Deleted ? null : owned.Where(e => e.State != EntityState.Deleted).Select(e => Values(e, original: false)).ToList());
            }

            var action = root.State switch
            {
                EntityState.Added => "create",
                EntityState.Deleted => "delete",
                _ when changes.Count > 0 => "update",
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            records.Add(stamp.Record(action, root.Metadata.ClrType.Name,
                root.Entity is IAuditedResource resource ? resource.AuditKey : string.Join("/", root.Metadata.FindPrimaryKey()!.Properties.Select(p => root.Property(p.Name).CurrentValue)),
                changes));
        }

        return records;
    }

    /// <summary>
    /// The "create" records of new entities the context does not track, as <see cref="Collect"/> would write them had
    /// they been added to it: for a bulk writer that copies its new rows without change tracking.
    /// </summary>
    public IEnumerable<AuditRecord> Created<T>(DbContext context, IEnumerable<T> entities) where T : class
    {
        var type = context.Model.FindEntityType(typeof(T))!;
        if (Attribute.IsDefined(typeof(T), typeof(NotAuditedAttribute)) || type.GetComplexProperties().Any())
        {
            throw new NotSupportedException($"{typeof(T).Name} is not audited, or has complex properties; add it to the context instead.");
        }

        var properties = type.GetProperties().Where(p => !p.IsShadowProperty())
            .Select(p => (Name: Camel(p.Name), Property: p, Getter: p.GetGetter())).ToArray();
        var key = type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter()).ToArray();
        var stamp = Stamp();
        foreach (var entity in entities)
        {
            var changes = new Dictionary<string, Change>(properties.Length);
            foreach (var (name, property, getter) in properties)
            {
                changes[name] = new Change(null, Recorded(property, getter.GetClrValue(entity)));
            }

            yield return stamp.Record("create", typeof(T).Name,
                entity is IAuditedResource resource ? resource.AuditKey : string.Join("/", key.Select(k => k.GetClrValue(entity))), changes);
        }
    }

    /// <summary>When, by whom and in which request the records of one save are written.</summary>
    private AuditStamp Stamp() => new(clock.GetUtcNow(), http.HttpContext?.User.ClientId() ?? "system", http.HttpContext?.TraceIdentifier);

    private readonly record struct AuditStamp(DateTimeOffset At, string ClientId, string? RequestId)
    {
        public AuditRecord Record(string action, string resourceType, string resourceKey, Dictionary<string, Change> changes) => new()
        {
            At = At,
            ClientId = ClientId,
            Action = action,
            ResourceType = resourceType,
            ResourceKey = resourceKey,
            Changes = JsonSerializer.Serialize(changes, JsonOptions),
            RequestId = RequestId,
        };
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted or EntityState.Unchanged
        && !Attribute.IsDefined(entry.Metadata.ClrType, typeof(NotAuditedAttribute))
        && entry.Entity is not DataProtectionKey;

    private static Dictionary<string, Change> FieldChanges(EntityEntry entry)
    {
        var changes = new Dictionary<string, Change>();
        void Add(string name, PropertyEntry property)
        {
            if (property.Metadata.IsShadowProperty() || property.Metadata.IsPrimaryKey() && entry.State == EntityState.Modified)
            {
                return;
            }

            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State != EntityState.Modified || !Equals(before, after))
            {
                changes[name] = new Change(Recorded(property, before), Recorded(property, after));
            }
        }

        if (entry.State == EntityState.Unchanged)
        {
            return changes;
        }

        foreach (var property in entry.Properties)
        {
            Add(Camel(property.Metadata.Name), property);
        }

        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                Add(Camel(property.Metadata.Name), property);
            }
        }

        return changes;
    }

    private static string RootKey(EntityEntry root) =>
        root.Metadata.Name + "|" + string.Join("|", root.Metadata.FindPrimaryKey()!.Properties.Select(p => root.Property(p.Name).CurrentValue));

    private static string OwnerKey(EntityEntry owned)
    {
        var ownership = owned.Metadata.FindOwnership()!;
        return ownership.PrincipalEntityType.Name + "|" + string.Join("|", ownership.Properties.Select(p => owned.Property(p.Name).CurrentValue));
    }

    private static Dictionary<string, object?> Values(EntityEntry entry, bool original) => entry.Properties
        .Where(p => !p.Metadata.IsShadowProperty())
        .ToDictionary(p => Camel(p.Metadata.Name), p => Recorded(p, original ? p.OriginalValue : p.CurrentValue));

    /// <summary>What the trail keeps of a value: the value, or the mask of a personal one.</summary>
    private static object? Recorded(PropertyEntry property, object? value) => Recorded(property.Metadata, value);

    private static object? Recorded(IReadOnlyPropertyBase property, object? value) =>
        PersonalDataModel.Marker(property) is { } marker ? PersonalDataMask.Mask(marker.Kind, value as string) : value;

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private sealed record Change(object? Before, object? After);
}
