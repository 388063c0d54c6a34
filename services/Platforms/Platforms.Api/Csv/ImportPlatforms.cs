using System.Security.Claims;
using Mediator;
using Persistence.Csv;
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
/// Runs as <see cref="CsvImport"/> does: each row under a savepoint of the unit of work's transaction,
/// a dry run undone whole. The platforms the rows name are read once, for every row.
/// </summary>
internal sealed class ImportPlatformsHandler(PlatformsDbContext db, PlatformCatalog catalog, ISender sender)
    : ICommandHandler<ImportPlatforms, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportPlatforms command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = PlatformCsv.Read(command.Csv, rejected);
        var held = await HeldAsync(rows, cancellationToken);
        return await CsvImport.RunAsync(db, command.DryRun, rows, rejected,
            keyOf: KeyOf,
            repeated: (_, first) => $"The platform is on row {first} already.",
            import: async (row, ct) =>
            {
                var existing = row.Id is { } id
                    ? held.FirstOrDefault(h => h.Id == id) ?? throw new NotFoundException("Platform", id.ToString())
                    : held.FirstOrDefault(h => NameKey(h.Type, h.Name) == KeyOf(row));
                if (existing is null)
                {
                    await sender.Send(new AccreditPlatform(row.Platform, command.Caller), ct);
                    return ImportOutcome.Created;
                }

                if (row.Platform.Status is { } status && status != existing.Status)
                {
                    throw new RuleViolationException("status",
                        $"Platform {existing.Id} is {Lifecycle.Name(existing.Status)}; its status changes through POST /api/v1/platforms/{existing.Id}/status, with a reason.");
                }

                var result = await sender.Send(new UpdatePlatform(existing.Id, row.Platform, command.Caller), ct);
                return result.Changed ? ImportOutcome.Updated : ImportOutcome.Unchanged;
            },
            cancellationToken);
    }

    /// <summary>A row's platform: its id, or else its type and name.</summary>
    private string KeyOf(PlatformCsv.Row row) => row.Id?.ToString() ?? NameKey(row.Platform.Type, row.Platform.Name);

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


    private sealed record Held(Guid Id, string Type, string Name, PlatformStatus Status);
}
