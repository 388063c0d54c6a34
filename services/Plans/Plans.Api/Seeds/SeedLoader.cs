using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.Tasks;
using SharedKernel.Errors;

namespace Plans.Api.Seeds;

/// <summary>
/// Loads the plans of the seeds folder. A request, not a command: loading is no unit of work of its
/// own; each plan is one, a transaction the plan's commands join.
/// </summary>
public sealed record LoadSeeds : IRequest<SeedReport>;

/// <summary>
/// A plan not yet seeded is created through the API's own commands (the plan, its indicators and
/// tasks, then published), so the seed meets every rule a caller of the API meets; the same seed
/// version again changes nothing; a newer one is applied by <see cref="ReseedPlan"/>. A plan a user
/// created under the same code is left alone. A plan whose command is refused is rolled back and
/// reported <c>invalid</c> with the refusal; one bad plan never stops the others.
/// </summary>
public sealed partial class SeedLoader(PlansDbContext db, ISender sender, IOptions<SeedOptions> options, IOptions<JsonOptions> json,
    ILogger<SeedLoader> logger) : IRequestHandler<LoadSeeds, SeedReport>
{
    public async ValueTask<SeedReport> Handle(LoadSeeds request, CancellationToken ct)
    {
        var directory = options.Value.Directory;
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(Path.Combine(directory, "plans")))
        {
            return new SeedReport(directory, []);
        }

        var headers = Directory.GetFiles(Path.Combine(directory, "plans"), "*.json").Order(StringComparer.Ordinal).Select(ReadHeader).ToList();
        var results = headers.Where(h => h.Header is null).Select(h => Invalid(h.Path, h.Error)).ToList();
        var plans = headers.Where(h => h.Header is not null)
            .OrderBy(h => h.Header!.Plan!.ParentPlanCode is null ? 0 : 1)
            .ThenBy(h => h.Header!.Plan!.Code, StringComparer.Ordinal);
        foreach (var (path, header, _) in plans)
        {
            results.Add(await LoadPlanAsync(path, header!, directory, ct));
        }

        foreach (var result in results)
        {
            LogPlan(result.Code, result.Outcome, result.Detail);
        }

        return new SeedReport(directory, results);
    }

    /// <summary>
    /// A plan whose version was loaded is unchanged, and its file is read no further than its <see cref="SeedHeader"/>:
    /// what the rest holds was checked and written when that version was loaded. Any other is read whole and loaded.
    /// </summary>
    private async Task<SeededPlan> LoadPlanAsync(string path, SeedHeader header, string directory, CancellationToken ct)
    {
        var code = header.Plan!.Code!;
        var record = await db.SeedRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == SeedKeys.Plan(code), ct);
        if (record is not null && record.SeedVersion >= header.SeedVersion)
        {
            return new SeededPlan(code, "unchanged", record.SeedVersion, 0, 0, null);
        }

        var (file, error) = Read(path);
        if (file is null)
        {
            return Invalid(path, error);
        }

        if (record is null && await db.Plans.AnyAsync(p => p.Code == code, ct))
        {
            return new SeededPlan(code, "skipped", file.SeedVersion, 0, 0, "A plan with this code was created through the API; it is left as it is.");
        }

        var documentPath = Path.Combine(directory, file.Document);
        if (!File.Exists(documentPath))
        {
            return new SeededPlan(code, "invalid", file.SeedVersion, 0, 0, $"The source document '{file.Document}' is missing.");
        }

        var text = await File.ReadAllTextAsync(documentPath, ct);
        // Which part of the file the command being sent is for, to name it when the command is refused.
        string? part = null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            SeededPlan result;
            if (record is null)
            {
                part = "plan";
                await SendAsync(new CreatePlan(file.Plan, SystemCaller.Principal), ct);
                foreach (var indicator in file.Indicators)
                {
                    part = $"indicators[{indicator.Code}]";
                    await SendAsync(new CreateIndicator(code, indicator, SystemCaller.Principal), ct);
                }

                foreach (var task in file.Tasks)
                {
                    part = $"tasks[{task.Code}]";
                    await SendAsync(new CreateTask(code, task, SystemCaller.Principal), ct);
                }

                part = "plan";
                await SendAsync(new PublishPlan(code, null, SystemCaller.Principal), ct);
                await SendAsync(new RecordSeededPlan(code, file.SeedVersion, text), ct);
                result = new SeededPlan(code, "created", file.SeedVersion, 0, 0, null);
            }
            else
            {
                // Its errors name the part themselves.
                part = null;
                result = await sender.Send(ReseedPlan.From(file, text), ct);
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }
        catch (DomainException refused)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // What the plan's earlier commands saved is undone with the transaction; their entities must not linger.
            db.ChangeTracker.Clear();
            return new SeededPlan(code, "invalid", file.SeedVersion, 0, 0, Describe(part, refused));
        }
    }

    /// <summary>
    /// Sends a command of the plan being loaded. What it wrote is saved (in the plan's transaction), so
    /// the tracker lets go of it: otherwise every later command's SaveChanges would look again at all
    /// that the plan's earlier ones wrote, and a plan has up to 150 tasks.
    /// </summary>
    private async Task SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken ct)
    {
        await sender.Send(command, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The refusal, each field named by the part of the seed file it is in (plan.title, indicators[T1-05].targets[0].year).</summary>
    private static string Describe(string? part, DomainException refused)
    {
        string Where(string field) => part is null ? field : $"{part}.{field}";
        return refused is RuleViolationException rule
            ? string.Join("; ", rule.Errors.Select(e => $"{Where(e.Key)}: {string.Join(" ", e.Value)}"))
            : part is null ? refused.Message : $"{part}: {refused.Message}";
    }

    /// <summary>A seed file's plan and version, or why it cannot be used; one broken file never stops the others.</summary>
    private static (string Path, SeedHeader? Header, string? Error) ReadHeader(string path)
    {
        var (header, error) = Read(path, SeedHeaderJson.Default.SeedHeader, header => header is { Plan.Code: not null });
        return (path, header, error);
    }

    /// <summary>A seed file whole, or why it cannot be used.</summary>
    private (SeedFile? File, string? Error) Read(string path) =>
        Read(path, (JsonTypeInfo<SeedFile>)json.Value.SerializerOptions.GetTypeInfo(typeof(SeedFile)),
            file => file is { Plan.Code: not null, Document: not null, Indicators: not null, Tasks: not null }
                && !file.Indicators.Contains(null) && !file.Tasks.Contains(null));

    private static (T? Read, string? Error) Read<T>(string path, JsonTypeInfo<T> type, Func<T?, bool> complete)
        where T : class
    {
        try
        {
            var read = JsonSerializer.Deserialize(File.ReadAllText(path), type);
            return complete(read)
                ? (read, null)
                : (null, "A seed file needs plan.code, document, indicators and tasks, without empty entries.");
        }
        catch (JsonException invalid)
        {
            return (null, $"Not a valid seed file at {invalid.Path ?? "$"} (line {invalid.LineNumber + 1}): {invalid.Message}");
        }
    }

    private static SeededPlan Invalid(string path, string? error) =>
        new(Path.GetFileNameWithoutExtension(path), "invalid", 0, 0, 0, error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed plan {PlanCode}: {Outcome} {Detail}")]
    private partial void LogPlan(string planCode, string outcome, string? detail);
}
