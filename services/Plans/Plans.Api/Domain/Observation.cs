using SharedKernel.Errors;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>
/// A value of an indicator for a year. Observations are never overwritten: a later one for the
/// same year corrects the earlier, and both stay on record.
/// </summary>
public sealed class Observation : IAuditedResource
{
    private Observation()
    {
    }

    /// <summary>
    /// A value entered by a person or a statistics system. It cannot be for a year before the
    /// indicator's baseline, which is where the indicator's record starts.
    /// </summary>
    public static Observation Manual(Plan plan, Indicator indicator, int year, decimal value, string? recordedBy, string? note,
        DateTimeOffset now)
    {
        if (indicator.Definition.BaselineYear is { } baselineYear && year < baselineYear)
        {
            throw new RuleViolationException("year", $"The indicator's baseline is for {baselineYear}; observations start from that year.");
        }

        return new Observation(plan, indicator, year, value, ObservationOrigin.Manual, recordedBy, note, now);
    }

    public Observation(Plan plan, Indicator indicator, int year, decimal value, ObservationOrigin origin,
        string? recordedBy, string? note, DateTimeOffset now)
    {
        plan.EnsureNotArchived();
        IndicatorId = indicator.Id;
        Year = year;
        Value = value;
        Origin = origin;
        RecordedBy = recordedBy;
        Note = note;
        RecordedAt = now;
    }

    /// <summary>The largest magnitude a value may have: the column holds 20 digits, 4 of them after the point.</summary>
    public const decimal MaxValue = 9_999_999_999_999_999.9999m;

    public long Id { get; private set; }

    /// <summary>The indicator's row id and the year; the audit record's fields name the rest.</summary>
    public string AuditKey => $"indicator {IndicatorId}/{Year}";
    public long IndicatorId { get; private set; }
    public int Year { get; private set; }
    public decimal Value { get; private set; }
    public ObservationOrigin Origin { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string? RecordedBy { get; private set; }
    public string? Note { get; private set; }
}
