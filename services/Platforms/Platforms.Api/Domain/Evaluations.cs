using Platforms.Api.Catalog;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>What a platform's evaluation record holds before a new one is added.</summary>
/// <param name="Earlier">Its evaluations so far.</param>
/// <param name="OpenRectification">The rectification it is in, if any.</param>
/// <param name="PendingProposal">A revocation proposal awaiting decision, if any.</param>
public sealed record EvaluationRecord(IReadOnlyList<Evaluation> Earlier, Rectification? OpenRectification, RevocationProposal? PendingProposal);

/// <summary>What recording an evaluation did: the evaluation, and the rectification it opened or the revocation it proposed.</summary>
public sealed record EvaluationOutcome(Evaluation Evaluation, Rectification? Opened, RevocationProposal? Proposed);

/// <summary>
/// The evaluation rules: one evaluation a year, graded by the type's scheme, of a platform that is
/// running. A failing grade opens a rectification due within the type's period; a second failure
/// (while rectifying, or in the year after a failure) proposes revocation instead, for the authority
/// to decide. A passing grade completes an open rectification.
/// </summary>
public static class Evaluations
{
    public static EvaluationOutcome Record(Platform platform, PlatformType type, EvaluationRecord record, int year, string? grade,
        decimal? score, DateOnly evaluatedOn, string? note, DateOnly today, DateTimeOffset now)
    {
        platform.EnsureEvaluable();
        if (record.Earlier.FirstOrDefault(e => e.Year == year) is { } existing)
        {
            throw new ConflictException(PlatformErrors.AlreadyEvaluated,
                $"Platform {platform.Id} was evaluated for {year} already (grade {existing.Grade}, {existing.EvaluatedOn:yyyy-MM-dd}); a year is evaluated once.");
        }

        EnsureDates(platform, year, evaluatedOn, today);
        var grading = GradingSchemes.Grade(type.Grading, grade, score)
            ?? throw new RuleViolationException(type.Grading == GradingScheme.Score ? "score" : "grade",
                $"A {type.Key} is evaluated with {GradingSchemes.Describe(type.Grading)}.");
        var evaluation = new Evaluation(platform.Id, year, grading.Grade, grading.Score, grading.Rating, evaluatedOn, note, now);
        var open = record.OpenRectification;
        if (!evaluation.Failing)
        {
            open?.CompleteByEvaluation(year, evaluatedOn);
            return new EvaluationOutcome(evaluation, null, null);
        }

        var previous = record.Earlier.FirstOrDefault(e => e.Year == year - 1);
        open?.FailByEvaluation(year, evaluatedOn);
        var secondFailure = open is not null
            ? $"Failed the {year} evaluation while rectifying after the {open.EvaluationYear} one."
            : previous is { Failing: true } ? $"Failed the {previous.Year} and {year} evaluations." : null;
        if (secondFailure is null)
        {
            var rectification = new Rectification(platform.Id, year, evaluatedOn, evaluatedOn.AddMonths(type.RectificationMonths));
            return new EvaluationOutcome(evaluation, rectification, null);
        }

        var proposal = record.PendingProposal is null
            ? new RevocationProposal(platform.Id, RevocationGrounds.SecondFailure, evaluatedOn, secondFailure)
            : null;
        return new EvaluationOutcome(evaluation, null, proposal);
    }

    /// <summary>An open rectification past its due date becomes overdue and proposes revocation (unless one is pending already).</summary>
    public static RevocationProposal? ReviewOverdue(Rectification rectification, bool proposalPending, DateOnly today)
    {
        if (!rectification.ExpireIfOverdue(today) || proposalPending)
        {
            return null;
        }

        return new RevocationProposal(rectification.PlatformId, RevocationGrounds.RectificationOverdue, rectification.ClosedOn!.Value,
            $"The rectification of the {rectification.EvaluationYear} evaluation was due by {rectification.DueOn:yyyy-MM-dd} and was not completed.");
    }

    private static void EnsureDates(Platform platform, int year, DateOnly evaluatedOn, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (year < platform.ApprovedOn.Year)
        {
            errors["year"] = [$"{year} is before the platform was approved ({platform.ApprovedOn:yyyy-MM-dd})."];
        }
        else if (year > today.Year)
        {
            errors["year"] = [$"{year} has not begun; evaluations cover the current year ({today.Year}) at the latest."];
        }

        if (evaluatedOn > today)
        {
            errors["evaluatedOn"] = ["'evaluatedOn' must not be in the future."];
        }
        else if (evaluatedOn.Year < year)
        {
            errors["evaluatedOn"] = [$"An evaluation of {year} is issued in {year} or later."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }
}
