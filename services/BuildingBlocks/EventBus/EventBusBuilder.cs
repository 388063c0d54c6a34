using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBus;

/// <summary>Configures what a service consumes; returned by the transport's registration.</summary>
public interface IEventBusBuilder
{
    IServiceCollection Services { get; }
}

/// <summary>The streams a service reads and the event types it handles, by type name.</summary>
public sealed class EventBusSubscriptions
{
    /// <summary>Publishing services whose streams this service reads (<c>enterprises</c>).</summary>
    public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Event type name → event record type.</summary>
    public Dictionary<string, Type> EventTypes { get; } = new(StringComparer.Ordinal);
}

public static class EventBusBuilderExtensions
{
    /// <summary>Reads the stream that <paramref name="service"/> publishes to.</summary>
    public static IEventBusBuilder ConsumeFrom(this IEventBusBuilder builder, string service)
    {
        builder.Services.Configure<EventBusSubscriptions>(s => s.Sources.Add(service));
        return builder;
    }

    /// <summary>Handles <typeparamref name="TEvent"/> (matched by its type name) with <typeparamref name="THandler"/>.</summary>
    public static IEventBusBuilder AddSubscription<TEvent, THandler>(this IEventBusBuilder builder)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationEventHandler<TEvent>, THandler>());
        builder.Services.Configure<EventBusSubscriptions>(s => s.EventTypes[typeof(TEvent).Name] = typeof(TEvent));
        return builder;
    }

    /// <summary>
    /// Reads ahead for the batches this service applies (<see cref="IEventBatchLoader"/>); <typeparamref name="TLoader"/> is one
    /// instance per batch, which the batch's handlers may take too.
    /// </summary>
    public static IEventBusBuilder AddBatchLoader<TLoader>(this IEventBusBuilder builder)
        where TLoader : class, IEventBatchLoader
    {
        builder.Services.TryAddScoped<TLoader>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IEventBatchLoader, TLoader>(sp => sp.GetRequiredService<TLoader>()));
        return builder;
    }
}
