using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Platforms;
using ServiceDefaults.Csv;
using SharedKernel.Errors;

namespace Platforms.Api.Csv;

/// <summary>
/// POST /api/v1/platforms/import: each row of the CSV file accredits or updates a platform, through the
/// same <see cref="AccreditPlatform"/> and <see cref="UpdatePlatform"/> commands as the API. A row names
/// its platform by id, or else by type and name. A dry run sends the same commands and then undoes them.
/// </summary>
/// <param name="Csv">The file, read as UTF-8 text without its byte order mark.</param>
/// <param name="DryRun">Report what the file would do, and write nothing.</param>
/// <param name="Caller">Who imports: a caller confined to a region writes only there, row by row.</param>
public sealed record ImportPlatforms(string Csv, bool DryRun, ClaimsPrincipal Caller) : ICommand<ImportReport>;

/// <summary>
/// The import runs in the unit of work's one transaction; each row's command joins it under a
/// savepoint, so a refused row is undone alone and reported with the code of the domain error that
/// refused it. Events are outbox rows of the same transaction: a dry run, rolled back, publishes none.
/// </summary>
internal sealed class ImportPlatformsHandler(PlatformsDbContext db, PlatformCatalog catalog, ISender sender)
    : ICommandHandler<ImportPlatforms, ImportReport>
{
    private const string BeforeImport = "before_import";

    public async ValueTask<ImportReport> Handle(ImportPlatforms command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = PlatformCsv.Read(command.Csv, rejected);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The import runs inside the transaction of its unit of work.");
        if (command.DryRun)
        {
            await transaction.CreateSavepointAsync(BeforeImport, cancellationToken);
        }

        var held = await HeldAsync(rows, cancellationToken);
        var firstRows = new Dictionary<string, int>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var key = row.Id?.ToString() ?? NameKey(row.Platform.Type, row.Platform.Name);
            if (!firstRows.TryAdd(key, row.Number))
            {
                rejected.Add(new(row.Number, ImportCodes.DuplicateRow, $"The platform is on row {firstRows[key]} already."));
                continue;
            }

            try
            {
                var existing = row.Id is { } id
                    ? held.FirstOrDefault(h => h.Id == id) ?? throw new NotFoundException("Platform", id.ToString())
                    : held.FirstOrDefault(h => NameKey(h.Type, h.Name) == key);
                if (existing is null)
                {
                    await sender.Send(new AccreditPlatform(row.Platform, command.Caller), cancellationToken);
                    created++;
                    continue;
                }

                if (row.Platform.Status is { } status && status != existing.Status)
                {
                    throw new RuleViolationException("status",
                        $"Platform {existing.Id} is {Lifecycle.Name(existing.Status)}; its status changes through POST /api/v1/platforms/{existing.Id}/status, with a reason.");
                }

                var result = await sender.Send(new UpdatePlatform(existing.Id, row.Platform, command.Caller), cancellationToken);
                if (result.Changed)
                {
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            catch (DomainException refused)
            {
                rejected.Add(new(row.Number, refused.Code, Describe(refused)));
            }
        }

        if (command.DryRun)
        {
            await transaction.RollbackToSavepointAsync(BeforeImport, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return new ImportReport(command.DryRun, created, updated, unchanged, rejected.OrderBy(r => r.Row).ToList());
    }

    /// <summary>The platforms the rows name, by id or by type and name, read once.</summary>
    private async Task<List<Held>> HeldAsync(List<PlatformCsv.Row> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).OfType<Guid>().Distinct().ToList();
        var names = rows.Where(r => r.Id is null).Select(r => r.Platform.Name?.Trim()).OfType<string>().Distinct().ToList();
        return await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id) || names.Contains(p.Name))
            .Select(p => new Held(p.Id, p.Type, p.Name, p.Status)).ToListAsync(ct);
    }

    /// <summary>A platform's key by type and name, the type as the catalog spells it.</summary>
    private string NameKey(string? type, string? name) => $"{catalog.Find(type)?.Key ?? type?.Trim()}\n{name?.Trim()}";

    /// <summary>What the API would say, on one line: each field's messages, or the detail.</summary>
    private static string Describe(DomainException refused) => refused is RuleViolationException rule
        ? string.Join(" ", rule.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")))
        : refused.Message;

    private sealed record Held(Guid Id, string Type, string Name, PlatformStatus Status);
}
