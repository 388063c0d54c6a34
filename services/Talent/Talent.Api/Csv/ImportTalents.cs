using System.Security.Claims;
using Mediator;
using Persistence.Csv;
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
/// Runs as <see cref="CsvImport"/> does: each row under a savepoint of the unit of work's transaction,
/// a dry run undone whole. A refused row is reported in the words the API uses, which never repeat an
/// identity number or a phone.
/// </summary>
internal sealed class ImportTalentsHandler(TalentDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<ImportTalents, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportTalents command, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        var rows = TalentCsv.Read(command.Csv, rejected);
        return await CsvImport.RunAsync(db, command.DryRun, rows, rejected,
            keyOf: row => DocumentOf(row) is { Number.Length: > 0 } document ? $"{document.Type}\n{document.Number}\n{document.Nationality}" : null,
            repeated: (_, first) => $"The identity document is also on row {first}.",
            import: async (row, ct) =>
            {
                if (DocumentOf(row) is { } document && await HolderAsync(document, ct) is { } id)
                {
                    var result = await sender.Send(new UpdateTalent(id, row.Talent, command.Caller), ct);
                    return result.Changed ? ImportOutcome.Updated : ImportOutcome.Unchanged;
                }

                await sender.Send(new RegisterTalent(row.Talent, command.Caller), ct);
                return ImportOutcome.Created;
            },
            cancellationToken);
    }

    /// <summary>The row's identity document, normalised as the commands store it; null without a document type.</summary>
    private static Document? DocumentOf(TalentCsv.Row row) => row.Talent.DocumentType is { } type
        ? new(type, IdentityDocument.Normalize(row.Talent.IdNumber), IdentityDocument.NationalityOf(type, row.Talent.Nationality))
        : null;

    /// <summary>The person holding the document, found by the keyed hash of its number; null for a number that is not well formed.</summary>
    private async Task<Guid?> HolderAsync(Document document, CancellationToken ct)
    {
        if (IdentityDocument.ProblemsOf(document.Type, document.Number, document.Nationality, clock.Today()).Count > 0)
        {
            return null;
        }

        return await db.People.WhereMatches(p => p.IdNumber, document.Number)
            .Where(p => p.DocumentType == document.Type && p.Nationality == document.Nationality)
            .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
    }

    private sealed record Document(DocumentType Type, string Number, string Nationality);
}
