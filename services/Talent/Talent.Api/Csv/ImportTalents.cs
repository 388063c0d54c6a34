using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.PersonalData;
using ServiceDefaults.Csv;
using SharedKernel.Errors;
using SharedKernel.Time;
using Talent.Api.Data;
using Talent.Api.Domain;
using Talent.Api.Talents;

namespace Talent.Api.Csv;

/// <summary>
/// POST /api/v1/talents/import: each row registers a person or updates the person holding its
/// identity document (found through the keyed hash), through the same <see cref="RegisterTalent"/>
/// and <see cref="UpdateTalent"/> commands as the API. A dry run sends the same commands and undoes them.
/// </summary>
/// <param name="Csv">The file, read as UTF-8 text without its byte order mark.</param>
/// <param name="DryRun">Report what the file would do, and write nothing.</param>
/// <param name="Caller">Who imports: a caller confined to a region writes only there, row by row.</param>
public sealed record ImportTalents(string Csv, bool DryRun, ClaimsPrincipal Caller) : ICommand<ImportReport>;

/// <summary>
/// The import runs in the unit of work's one transaction; each row's command joins it under a
/// savepoint, so a refused row is undone alone and reported with the code of the domain error that
/// refused it, in the words the API uses, which never repeat an identity number or a phone.
/// </summary>
internal sealed class ImportTalentsHandler(TalentDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<ImportTalents, ImportReport>
{
    private const string BeforeImport = "before_import";

    public async ValueTask<ImportReport> Handle(ImportTalents command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = TalentCsv.Read(command.Csv, rejected);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The import runs inside the transaction of its unit of work.");
        if (command.DryRun)
        {
            await transaction.CreateSavepointAsync(BeforeImport, cancellationToken);
        }

        var firstRows = new Dictionary<(DocumentType, string, string), int>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var talent = row.Talent;
            var document = talent.DocumentType is { } type
                ? (type, IdentityDocument.Normalize(talent.IdNumber), IdentityDocument.NationalityOf(type, talent.Nationality))
                : default;
            if (talent.DocumentType is not null && document.Item2.Length > 0 && !firstRows.TryAdd(document, row.Number))
            {
                rejected.Add(new(row.Number, ImportCodes.DuplicateRow, $"The identity document is also on row {firstRows[document]}."));
                continue;
            }

            try
            {
                var held = talent.DocumentType is null ? null : await HolderAsync(document, cancellationToken);
                if (held is { } id)
                {
                    var result = await sender.Send(new UpdateTalent(id, talent, command.Caller), cancellationToken);
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
                    await sender.Send(new RegisterTalent(talent, command.Caller), cancellationToken);
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

    /// <summary>The person holding the document, found by the keyed hash of its number; null for a number that is not well formed.</summary>
    private async Task<Guid?> HolderAsync((DocumentType Type, string Number, string Nationality) document, CancellationToken ct)
    {
        if (IdentityDocument.ProblemsOf(document.Type, document.Number, document.Nationality, clock.Today()).Count > 0)
        {
            return null;
        }

        return await db.People.WhereMatches(p => p.IdNumber, document.Number)
            .Where(p => p.DocumentType == document.Type && p.Nationality == document.Nationality)
            .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>What the API would say, on one line: each field's messages, or the detail.</summary>
    private static string Describe(DomainException refused) => refused is RuleViolationException rule
        ? string.Join(" ", rule.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")))
        : refused.Message;
}
