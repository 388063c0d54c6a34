namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// What the talent copy contributes to the counters: the one definition of the talent metrics, used
/// by the event handler (before and after each change) and by the rebuild.
/// </summary>
/// <remarks>
/// A recognition counts until its revocation takes effect: dated by the last day it stands (the day
/// before the revocation, or never ending). A commissioner counts once per person and place (district
/// and zone), dated by the latest end of their assignments there, so an assignment ending needs no
/// event; and as excellent when the latest year appraised there has an excellent (优秀) grade, dated
/// 31 December of the year after it, when the next appraisal is due.
/// </remarks>
public static class TalentContributions
{
    public static IEnumerable<Contribution> Of(RegisteredRecognition recognition)
    {
        var day = recognition.RevokedOn is { } revoked ? revoked.AddDays(-1) : DateOnly.MaxValue;
        yield return new Contribution(TalentMetricKeys.Recognized(recognition.Programme, recognition.Foreign), recognition.RegionCode,
            recognition.ZoneCode ?? "", day);
    }

    /// <summary>The contributions of one person's assignments (all of them, or the rebuilt copy's of every person).</summary>
    public static IEnumerable<Contribution> Of(IEnumerable<RegisteredCommissioner> assignments)
    {
        foreach (var serving in assignments.GroupBy(a => (a.TalentId, a.RegionCode, Zone: a.ZoneCode ?? "")))
        {
            var (_, district, zone) = serving.Key;
            yield return new Contribution(TalentMetricKeys.CommissionersActive, district, zone, serving.Max(a => a.EndsOn));
            if (serving.Max(a => a.AppraisedYear) is { } latest && serving.Any(a => a.AppraisedYear == latest && a.AppraisedExcellent))
            {
                yield return new Contribution(TalentMetricKeys.CommissionersExcellent, district, zone, new DateOnly(latest + 1, 12, 31));
            }
        }
    }
}
