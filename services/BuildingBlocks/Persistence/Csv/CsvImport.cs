using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Csv;
using SharedKernel.Errors;

namespace Persistence.Csv;

/// <summary>A data row of an import file, numbered as the report names it (the header is row 1).</summary>
public interface IImportRow
{
    int Number { get; }
}

/// <summary>What a row's command did.</summary>
public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// The import of a CSV file: each row is sent through the same commands as the API. It runs in the
/// unit of work's one transaction; each row's command joins it under a savepoint, so a refused row is
/// undone alone and reported with the code of the domain error that refused it, in the words the API
/// uses. Events are outbox rows of the same transaction: a dry run, rolled back, publishes none.
/// </summary>
public static class CsvImport
{
    private const string BeforeImport = "before_import";

    /// <param name="db">The context whose transaction the unit of work opened.</param>
    /// <param name="dryRun">Send the same commands and then undo them.</param>
    /// <param name="rows">The rows read from the file, in order.</param>
    /// <param name="rejected">The rows the file's reading refused already; the refused rows are added.</param>
    /// <param name="keyOf">The record a row names, so that a second row for it is refused; null when the row names none (its command refuses it).</param>
    /// <param name="repeated">The message for a row whose record is on an earlier row (the key and that row's number).</param>
    /// <param name="import">Sends the row's command and says what it did; a domain error refuses the row.</param>
    /// <param name="ct">Cancels the import.</param>
    public static async Task<ImportReport> RunAsync<TRow>(DbContext db, bool dryRun, IEnumerable<TRow> rows, List<ImportRejection> rejected,
        Func<TRow, string?> keyOf, Func<string, int, string> repeated, Func<TRow, CancellationToken, ValueTask<ImportOutcome>> import,
        CancellationToken ct) where TRow : IImportRow
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The import runs inside the transaction of its unit of work.");
        if (dryRun)
        {
            await transaction.CreateSavepointAsync(BeforeImport, ct);
        }

        var firstRows = new Dictionary<string, int>(StringComparer.Ordinal);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (keyOf(row) is { } key && !firstRows.TryAdd(key, row.Number))
            {
                rejected.Add(new(row.Number, ImportCodes.DuplicateRow, repeated(key, firstRows[key])));
                continue;
            }

            try
            {
                switch (await import(row, ct))
                {
                    case ImportOutcome.Created:
                        created++;
                        break;
                    case ImportOutcome.Updated:
                        updated++;
                        break;
                    default:
                        unchanged++;
                        break;
                }
            }
            catch (DomainException refused)
            {
                rejected.Add(new(row.Number, refused.Code, Describe(refused)));
            }
        }

        if (dryRun)
        {
            await transaction.RollbackToSavepointAsync(BeforeImport, ct);
            db.ChangeTracker.Clear();
        }

        return ImportReport.Of(dryRun, created, updated, unchanged, rejected);
    }

    /// <summary>What the API would say, on one line: each field's messages, or the detail.</summary>
    public static string Describe(DomainException refused) => refused is RuleViolationException rule
        ? string.Join(" ", rule.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")))
        : refused.Message;
}
