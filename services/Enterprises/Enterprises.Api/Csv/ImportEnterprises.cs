using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Mediator;
using Persistence.Csv;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Csv;
using SharedKernel.Identifiers;

namespace Enterprises.Api.Csv;

/// <summary>
/// POST /api/v1/enterprises/import: each row of the CSV file registers or updates an enterprise,
/// through the same <see cref="RegisterEnterprise"/> and <see cref="UpdateEnterprise"/> commands as
/// the API. A dry run sends the same commands and then undoes them.
/// </summary>
/// <param name="Csv">The file, read as UTF-8 text without its byte order mark.</param>
/// <param name="DryRun">Report what the file would do, and write nothing.</param>
/// <param name="Caller">Who imports: a caller confined to a region writes only there, row by row.</param>
public sealed record ImportEnterprises(string Csv, bool DryRun, ClaimsPrincipal Caller) : ICommand<ImportReport>;

/// <summary>
/// Runs as <see cref="CsvImport"/> does: each row under a savepoint of the unit of work's transaction,
/// a dry run undone whole. Which enterprises are on the register is read once, for every row, in one query
/// whose codes travel as one parameter (a JSON array on SQLite, an array on PostgreSQL): a parameter per
/// code stopped SQLite at 32,766 of them. What a row's command saved is in the database when the next row
/// starts, so the context forgets it: the rows tracked stay one, and each save's look for changes costs the
/// same on the last row as on the first (it grew with every row before, and the import with their square).
/// </summary>
internal sealed class ImportEnterprisesHandler(EnterprisesDbContext db, ISender sender) : ICommandHandler<ImportEnterprises, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportEnterprises command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = EnterpriseCsv.Read(command.Csv, rejected);
        var codes = rows.Select(r => EnterpriseLookup.Normalize(r.Enterprise.CreditCode)).Distinct().ToList();
        var held = await db.Enterprises.Where(e => EF.Parameter(codes).Contains(e.CreditCode)).Select(e => e.CreditCode)
            .ToHashSetAsync(cancellationToken);
        return await CsvImport.RunAsync(db, command.DryRun, rows, rejected,
            keyOf: row => EnterpriseLookup.Normalize(row.Enterprise.CreditCode) is var code && CreditCode.IsValid(code) ? code : null,
            repeated: (code, first) => $"Credit code {code} already appears on row {first}.",
            import: async (row, ct) =>
            {
                var code = EnterpriseLookup.Normalize(row.Enterprise.CreditCode);
                if (!held.Contains(code))
                {
                    await sender.Send(new RegisterEnterprise(row.Enterprise, command.Caller), ct);
                    db.ChangeTracker.Clear();
                    return ImportOutcome.Created;
                }

                var result = await sender.Send(new UpdateEnterprise(code, row.Enterprise, command.Caller), ct);
                db.ChangeTracker.Clear();
                return result.Changed ? ImportOutcome.Updated : ImportOutcome.Unchanged;
            },
            cancellationToken);
    }
}
