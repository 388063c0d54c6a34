using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using Enterprises.Api.Statistics;
using EventBus;
using EventBus.Redis.Outbox;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.Audit;
using Persistence.Csv;
using ServiceDefaults.Csv;
using SharedKernel.Errors;
using SharedKernel.Identifiers;
using SharedKernel.Time;

namespace Enterprises.Api.Csv;

/// <summary>
/// POST /api/v1/enterprises/import: each row of the CSV file registers or updates an enterprise, as
/// <see cref="RegisterEnterprise"/> and <see cref="UpdateEnterprise"/> do for one. A dry run judges every
/// row the same way and writes nothing.
/// </summary>
/// <param name="Csv">The file, read as it arrives (UTF-8, without its byte order mark).</param>
/// <param name="DryRun">Report what the file would do, and write nothing.</param>
/// <param name="Caller">Who imports: a caller confined to a region writes only there, row by row.</param>
public sealed record ImportEnterprises(TextReader Csv, bool DryRun, ClaimsPrincipal Caller) : ICommand<ImportReport>;

/// <summary>
/// A bulk command beside the single ones, because sending a command per row costs a round trip or more per
/// row and per event (some 60 rows/s), where a file of 100,000 rows must load at COPY speed. The rules are
/// not copied: each row becomes the <see cref="RegisterEnterprise"/> or <see cref="UpdateEnterprise"/> command
/// the single write would send, checked by that command's validator and by the rules its handler applies
/// (<see cref="RegisterEnterpriseHandler.NewEnterprise"/>, <see cref="UpdateEnterpriseHandler.EnsureWritable"/>,
/// the entity's <see cref="Enterprise.Change"/>), and publishes the same event through the same factory. Only
/// the reading and the writing are done per batch of <see cref="BatchSize"/> rows: one query finds which of
/// the batch's credit codes are held (the codes travel as one parameter), and <see cref="EnterpriseBulkWriter"/>
/// writes the batch's enterprises, events and audit records set-based.
/// <para>
/// It all runs in the unit of work's one transaction: a file refused whole part-way (too large, not UTF-8) or
/// a conflict with a concurrent write leaves nothing. A refused row is reported with the code and words the API
/// would answer, and the other rows stand. The file is held a row at a time; what grows with it is the set of
/// credit codes seen (a second row for one is refused, naming the first) and the refused rows.
/// </para>
/// </summary>
internal sealed class ImportEnterprisesHandler(EnterprisesDbContext db, IEventBus events, IValidator<RegisterEnterprise> registerRules,
    IValidator<UpdateEnterprise> updateRules, OutboxCopy outbox, IHttpContextAccessor http, TimeProvider clock)
    : ICommandHandler<ImportEnterprises, ImportReport>
{
    public const int BatchSize = 2000;

    public async ValueTask<ImportReport> Handle(ImportEnterprises command, CancellationToken cancellationToken)
    {
        // Changes are detected once per batch, by the writer (a scan of every tracked row at each Add or
        // Entries call would otherwise cost more than the rows themselves).
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await ImportAsync(command, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task<ImportReport> ImportAsync(ImportEnterprises command, CancellationToken cancellationToken)
    {
        var import = new Import(command, []);
        var firstRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<EnterpriseCsv.Row>(BatchSize);
        await foreach (var row in EnterpriseCsv.ReadAsync(command.Csv, import.Rejected, cancellationToken))
        {
            var code = EnterpriseLookup.Normalize(row.Enterprise.CreditCode);
            if (CreditCode.IsValid(code) && !firstRows.TryAdd(code, row.Number))
            {
                import.Rejected.Add(new(row.Number, ImportCodes.DuplicateRow, $"Credit code {code} already appears on row {firstRows[code]}."));
                continue;
            }

            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await ImportBatchAsync(import, batch, cancellationToken);
                batch.Clear();
            }
        }

        await ImportBatchAsync(import, batch, cancellationToken);
        await import.Counts.WriteAsync(db, cancellationToken);
        return ImportReport.Of(command.DryRun, import.Created, import.Updated, import.Unchanged, import.Rejected);
    }

    private async Task ImportBatchAsync(Import import, List<EnterpriseCsv.Row> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var codes = batch.Select(r => EnterpriseLookup.Normalize(r.Enterprise.CreditCode)).ToList();
        var held = await db.Enterprises.Where(e => EF.Parameter(codes).Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, ct);
        var now = clock.GetUtcNow();
        var written = new EnterpriseBulkWriter.Batch();
        foreach (var row in batch)
        {
            try
            {
                await ImportRowAsync(import, row, held, written, now, ct);
            }
            catch (DomainException refused)
            {
                import.Rejected.Add(new(row.Number, refused.Code, CsvImport.Describe(refused)));
            }
        }

        if (!import.Command.DryRun)
        {
            await EnterpriseBulkWriter.WriteAsync(db, written, events, outbox, new AuditInterceptor(http, clock), import.Counts, clock.Today(),
                ct);
        }

        db.ChangeTracker.Clear();
    }

    private async Task ImportRowAsync(Import import, EnterpriseCsv.Row row, Dictionary<string, Enterprise> held,
        EnterpriseBulkWriter.Batch written, DateTimeOffset now, CancellationToken ct)
    {
        var caller = import.Command.Caller;
        var code = EnterpriseLookup.Normalize(row.Enterprise.CreditCode);
        if (!held.TryGetValue(code, out var enterprise))
        {
            var register = new RegisterEnterprise(row.Enterprise, caller);
            await EnsureValidAsync(registerRules, register, ct);
            var added = RegisterEnterpriseHandler.NewEnterprise(register, now);
            written.Added.Add(added);
            written.Events.Add(EventFactory.Registered(added));
            import.Created++;
            return;
        }

        var update = new UpdateEnterprise(code, row.Enterprise, caller);
        await EnsureValidAsync(updateRules, update, ct);
        UpdateEnterpriseHandler.EnsureWritable(update, enterprise);
        var firstRecords = UpdateEnterpriseHandler.MovesFounding(update, enterprise)
            ? await EnterpriseLookup.FirstRecordsAsync(db, code, ct)
            : null;
        if (enterprise.Change(update.ToDetails(), firstRecords, now))
        {
            written.Events.Add(EventFactory.Updated(enterprise));
            import.Updated++;
        }
        else
        {
            import.Unchanged++;
        }
    }

    /// <summary>The command's validator, refusing as the validation behaviour would refuse the command sent alone.</summary>
    private static async Task EnsureValidAsync<T>(IValidator<T> rules, T command, CancellationToken ct)
    {
        var result = await rules.ValidateAsync(command, ct);
        if (!result.IsValid)
        {
            throw new RuleViolationException(result.ToDictionary());
        }
    }

    private sealed record Import(ImportEnterprises Command, List<ImportRejection> Rejected)
    {
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }

        /// <summary>What the file changed in the statistics' counts, written after its last batch (<see cref="EnterpriseBulkWriter.WriteAsync"/>).</summary>
        public CountDeltas Counts { get; } = new();
    }
}
