using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Persistence;

/// <summary>
/// One transaction around each command: the change, its outbox rows and its audit records commit
/// together or not at all. A command sent inside a transaction already open (by the CSV import, a
/// dry run, the seed loader, or the idempotency record of its request) joins it under a savepoint,
/// so that a refused row is undone alone and the others stand. Queries pass through untouched, and
/// do not even create the DbContext: a query that needs no database (the region tree) never opens one.
/// </summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }

        var db = services.GetRequiredService<DbContext>();
        if (db.Database.CurrentTransaction is { } outer)
        {
            var savepoint = $"command_{Guid.NewGuid():N}";
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
            try
            {
                var joined = await next(message, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await outer.ReleaseSavepointAsync(savepoint, cancellationToken);
                return joined;
            }
            catch
            {
                await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
                // What the refused command left tracked must not be saved by the next one; what earlier commands saved is in the database.
                db.ChangeTracker.Clear();
                throw;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
