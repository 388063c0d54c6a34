using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Csv;
using SharedKernel.Errors;
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
/// The import runs in the unit of work's one transaction; each row's command joins it under a
/// savepoint, so a refused row is undone alone and reported with the code of the domain error that
/// refused it. Events are outbox rows of the same transaction: a dry run, rolled back, publishes none.
/// </summary>
internal sealed class ImportEnterprisesHandler(EnterprisesDbContext db, ISender sender) : ICommandHandler<ImportEnterprises, ImportReport>
{
    private const string BeforeImport = "before_import";

    public async ValueTask<ImportReport> Handle(ImportEnterprises command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = EnterpriseCsv.Read(command.Csv, rejected);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The import runs inside the transaction of its unit of work.");
        if (command.DryRun)
        {
            await transaction.CreateSavepointAsync(BeforeImport, cancellationToken);
        }

        var codes = rows.Select(r => EnterpriseLookup.Normalize(r.Enterprise.CreditCode)).Distinct().ToList();
        var held = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).Select(e => e.CreditCode).ToHashSetAsync(cancellationToken);
        var firstRows = new Dictionary<string, int>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var code = EnterpriseLookup.Normalize(row.Enterprise.CreditCode);
            if (CreditCode.IsValid(code) && !firstRows.TryAdd(code, row.Number))
            {
                rejected.Add(new(row.Number, ImportCodes.DuplicateRow, $"Credit code {code} already appears on row {firstRows[code]}."));
                continue;
            }

            try
            {
                if (held.Contains(code))
                {
                    var result = await sender.Send(new UpdateEnterprise(code, row.Enterprise, command.Caller), cancellationToken);
                    if (result.Changed)
                    {
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else
                {
                    await sender.Send(new RegisterEnterprise(row.Enterprise, command.Caller), cancellationToken);
                    created++;
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

    /// <summary>What the API would say, on one line: each field's messages, or the detail.</summary>
    private static string Describe(DomainException refused) => refused is RuleViolationException rule
        ? string.Join(" ", rule.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")))
        : refused.Message;
}
