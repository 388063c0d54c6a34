using SharedKernel.Errors;
using SharedKernel.Domain;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.Tasks;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Seeds;

/// <summary>
/// Loads the plans of the seeds folder: a plan not yet seeded is created and published; the same
/// seed version again changes nothing; a newer one rewrites what the seed wrote and a user has not
/// touched since (see <see cref="SeedRecord"/>). A plan a user created under the same code is left alone.
/// </summary>
public sealed partial class SeedLoader(PlansDbContext db, IServiceProvider services, TimeProvider clock,
    IOptions<SeedOptions> options, IOptions<JsonOptions> json, ILogger<SeedLoader> logger)
{
    public async Task<SeedReport> LoadAsync(CancellationToken ct)
    {
        var directory = options.Value.Directory;
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(Path.Combine(directory, "plans")))
        {
            return new SeedReport(directory, []);
        }

        var read = Directory.GetFiles(Path.Combine(directory, "plans"), "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
        var results = read.Where(r => r.File is null)
            .Select(r => new SeededPlan(Path.GetFileNameWithoutExtension(r.Path), "invalid", 0, 0, 0, r.Error))
            .ToList();
        var files = read.Select(r => r.File).OfType<SeedFile>()
            .OrderBy(file => file.Plan.ParentPlanCode is null ? 0 : 1)
            .ThenBy(file => file.Plan.Code, StringComparer.Ordinal);
        foreach (var file in files)
        {
            results.Add(await LoadPlanAsync(file, directory, ct));
        }

        foreach (var result in results)
        {
            LogPlan(result.Code, result.Outcome, result.Detail);
        }

        return new SeedReport(directory, results);
    }

    private async Task<SeededPlan> LoadPlanAsync(SeedFile file, string directory, CancellationToken ct)
    {
        var code = file.Plan.Code!;
        var record = await db.SeedRecords.FindAsync([Keys.Plan(code)], ct);
        if (record is not null && record.SeedVersion >= file.SeedVersion)
        {
            return new SeededPlan(code, "unchanged", record.SeedVersion, 0, 0, null);
        }

        if (record is null && await db.Plans.AnyAsync(p => p.Code == code, ct))
        {
            return new SeededPlan(code, "skipped", file.SeedVersion, 0, 0, "A plan with this code was created through the API; it is left as it is.");
        }

        try
        {
            await ValidateAsync(file, ct);
        }
        catch (RuleViolationException invalid)
        {
            var errors = string.Join("; ", invalid.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            return new SeededPlan(code, "invalid", file.SeedVersion, 0, 0, errors);
        }

        var documentPath = Path.Combine(directory, file.Document);
        if (!File.Exists(documentPath))
        {
            return new SeededPlan(code, "invalid", file.SeedVersion, 0, 0, $"The source document '{file.Document}' is missing.");
        }

        var text = await File.ReadAllTextAsync(documentPath, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = record is null ? await CreateAsync(file, text, ct) : await UpdateAsync(file, text, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>A seed file, or why it cannot be used; one broken file never stops the others.</summary>
    private (string Path, SeedFile? File, string? Error) Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(path), json.Value.SerializerOptions);
            return file is { Plan.Code: not null, Document: not null, Indicators: not null, Tasks: not null }
                ? (path, file, null)
                : (path, null, "A seed file needs plan.code, document, indicators and tasks.");
        }
        catch (JsonException invalid)
        {
            return (path, null, $"Not a valid seed file at {invalid.Path ?? "$"} (line {invalid.LineNumber + 1}): {invalid.Message}");
        }
    }

    private async Task<SeededPlan> CreateAsync(SeedFile file, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var plan = new Plan(file.Plan.Code!, file.Plan.ToDetails(), now);
        var indicators = file.Indicators.Select(i => new Indicator(plan, i.Code!, i.ToDefinition(), i.ToTargets(), i.ToAnnotations(), i.ToFlags(), now)).ToList();
        var tasks = file.Tasks.Select(t => new KeyTask(plan, t.Code!, t.ToDefinition(), t.ToProgress(), now)).ToList();
        plan.Publish(now);
        db.Plans.Add(plan);
        db.Indicators.AddRange(indicators);
        db.Tasks.AddRange(tasks);
        db.Documents.Add(new PlanDocument(plan.Code, text));
        await db.SaveChangesAsync(ct);

        db.SeedRecords.Add(new SeedRecord(Keys.Plan(plan.Code), file.SeedVersion, plan.Version));
        db.SeedRecords.AddRange(indicators.Select(i => new SeedRecord(Keys.Indicator(plan.Code, i.Code), file.SeedVersion, i.Version)));
        db.SeedRecords.AddRange(tasks.Select(t => new SeedRecord(Keys.Task(plan.Code, t.Code), file.SeedVersion, t.Version)));
        await db.SaveChangesAsync(ct);
        return new SeededPlan(plan.Code, "created", file.SeedVersion, 0, 0, null);
    }

    private async Task<SeededPlan> UpdateAsync(SeedFile file, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var code = file.Plan.Code!;
        var plan = await db.Plans.SingleAsync(p => p.Code == code, ct);
        var indicators = await db.Indicators.Where(i => i.PlanCode == code).ToDictionaryAsync(i => i.Code, ct);
        var tasks = await db.Tasks.Where(t => t.PlanCode == code).ToDictionaryAsync(t => t.Code, ct);
        var records = await db.SeedRecords.Where(r => r.Key.StartsWith(Keys.Prefix(code))).ToDictionaryAsync(r => r.Key, ct);
        var touched = new List<(string Key, VersionedEntity Entity)>();
        var (updated, kept) = (0, 0);

        void Apply(string key, VersionedEntity? existing, Action update, Func<VersionedEntity> create)
        {
            if (existing is null)
            {
                touched.Add((key, create()));
                updated++;
            }
            else if (records.TryGetValue(key, out var seeded) && seeded.EntityVersion == existing.Version)
            {
                update();
                touched.Add((key, existing));
                updated++;
            }
            else
            {
                kept++;
            }
        }

        Apply(Keys.Plan(code), plan, () => plan.ReplaceFromSource(file.Plan.ToDetails(), now), () => plan);
        foreach (var i in file.Indicators)
        {
            var existing = indicators.GetValueOrDefault(i.Code!);
            Apply(Keys.Indicator(code, i.Code!), existing,
                () => existing!.ReplaceFromSource(i.ToDefinition(), i.ToTargets(), i.ToAnnotations(), i.ToFlags(), now),
                () => db.Indicators.Add(new Indicator(plan, i.Code!, i.ToDefinition(), i.ToTargets(), i.ToAnnotations(), i.ToFlags(), now)).Entity);
        }

        foreach (var t in file.Tasks)
        {
            var existing = tasks.GetValueOrDefault(t.Code!);
            Apply(Keys.Task(code, t.Code!), existing, () => existing!.ReplaceFromSource(t.ToDefinition(), now),
                () => db.Tasks.Add(new KeyTask(plan, t.Code!, t.ToDefinition(), t.ToProgress(), now)).Entity);
        }

        var document = await db.Documents.FindAsync([code], ct);
        if (document is null)
        {
            db.Documents.Add(new PlanDocument(code, text));
        }
        else
        {
            document.Replace(text);
        }

        await db.SaveChangesAsync(ct);
        foreach (var (key, entity) in touched)
        {
            if (records.TryGetValue(key, out var record))
            {
                record.Record(file.SeedVersion, entity.Version);
            }
            else
            {
                db.SeedRecords.Add(new SeedRecord(key, file.SeedVersion, entity.Version));
            }
        }

        // The plan's record gates the next load: it moves to this seed version even when a user's edit kept the plan as it was.
        var planRecord = records[Keys.Plan(code)];
        if (touched.All(t => t.Key != planRecord.Key))
        {
            planRecord.Record(file.SeedVersion, planRecord.EntityVersion);
        }

        await db.SaveChangesAsync(ct);
        return new SeededPlan(code, "updated", file.SeedVersion, updated, kept, null);
    }

    private async Task ValidateAsync(SeedFile file, CancellationToken ct)
    {
        await Validate(file.Plan, "plan", ct);
        foreach (var indicator in file.Indicators)
        {
            await Validate(indicator, $"indicators[{indicator.Code}]", ct);
        }

        foreach (var task in file.Tasks)
        {
            await Validate(task, $"tasks[{task.Code}]", ct);
        }
    }

    private async Task Validate<T>(T part, string where, CancellationToken ct) where T : notnull
    {
        try
        {
            await RequestValidation.ValidateAsync(services.GetRequiredService<IValidator<T>>(), part, ct);
        }
        catch (RuleViolationException invalid)
        {
            throw new RuleViolationException(invalid.Errors!.ToDictionary(e => $"{where}.{e.Key}", e => e.Value));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed plan {PlanCode}: {Outcome} {Detail}")]
    private partial void LogPlan(string planCode, string outcome, string? detail);

    private static class Keys
    {
        public static string Prefix(string plan) => $"{plan}|";
        public static string Plan(string plan) => $"{plan}|plan";
        public static string Indicator(string plan, string code) => $"{plan}|indicator|{code}";
        public static string Task(string plan, string code) => $"{plan}|task|{code}";
    }
}
