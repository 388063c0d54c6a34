using System.Text.RegularExpressions;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// The metric keys of the talent register and the counter series they sum. A recognition adds one to
/// the series of its programme and nationality (domestic or foreign) until it is revoked; a
/// commissioner adds one to the active series until the last assignment ends, and one to the
/// excellent series while the latest yearly appraisal is 优秀.
/// </summary>
public static partial class TalentMetricKeys
{
    /// <summary>A nationality of a key: the people of any nationality but CN (外籍人才).</summary>
    public const string Foreign = "foreign";

    /// <summary>The people of nationality CN: a series of its own, never a key.</summary>
    private const string Domestic = "domestic";

    public const string CommissionersActive = "talent.commissioners:active";

    public const string CommissionersExcellent = "talent.commissioners:excellent";

    public static string Recognized(string programme, bool foreign) => $"talent.recognized:{programme}:{(foreign ? Foreign : Domestic)}";

    public const string Summary =
        "talent.recognized.{Programme} and talent.recognized.{Programme}.foreign (a sum of programmes with '+'); " +
        "talent.commissioners.active; talent.commissioners.excellent";

    public static readonly string Documentation =
        "### talent (the Talent register)\n\n" +
        "A person counts where they were registered when recognised, or where a commissioner serves (district or functional zone), " +
        "once. Programmes are the Talent register's codes (GET /api/v1/talent-programmes: HaiheTalent, HaiheTalentUpgraded, " +
        "DistinguishedTalent, YoungScientists, BaodiTalentPool, TechCommissioner, ProjectTeam, and the districts' by configuration). " +
        "A sum of programmes is written with `+`: `talent.recognized.HaiheTalent+HaiheTalentUpgraded`.\n\n" +
        "- `talent.recognized.{Programme}`: recognitions under the programme that are not revoked today (a revocation counts from " +
        "the day it takes effect), of every year and nationality.\n" +
        "- `talent.recognized.{Programme}.foreign`: of those, the recognitions of foreign talent (a nationality other than CN when " +
        "recognised).\n" +
        "- `talent.commissioners.active`: science-and-technology commissioners (科技特派员) with an assignment not ended today, " +
        "counted once per person where they serve (an assignment recorded ahead of its start counts from then).\n" +
        "- `talent.commissioners.excellent`: commissioners whose latest yearly appraisal (of their assignments where they serve) is " +
        "优秀, as Jinghai counts 优秀科技特派员: an appraisal of a year counts until the end of the next year, when the next one is due.\n\n" +
        "Fed by TalentRecognized, RecognitionRevoked, CommissionerAssigned and CommissionerAppraised; rebuilt from " +
        "GET /api/v1/talents/recognitions and GET /api/v1/commissioners of the Talent API.";

    /// <summary>The metric a key names, or null when it is not a key of the talent register.</summary>
    public static RegisterMetric? Parse(string key) => key.Split('.') switch
    {
        ["talent", "recognized", var programmes] => Recognitions(key, programmes, [false, true]),
        ["talent", "recognized", var programmes, Foreign] => Recognitions(key, programmes, [true]),
        ["talent", "commissioners", "active"] => Held(key, CommissionersActive),
        ["talent", "commissioners", "excellent"] => Held(key, CommissionersExcellent),
        _ => null,
    };

    private static RegisterMetric Held(string key, string series) => new(key, TalentSource.Name, [new MetricTerm(series, MetricWindow.HeldToday)]);

    private static RegisterMetric? Recognitions(string key, string programmes, IReadOnlyList<bool> nationalities)
    {
        var names = programmes.Split('+');
        if (names.Any(n => !ProgrammeCode().IsMatch(n)) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            return null;
        }

        return new RegisterMetric(key, TalentSource.Name,
            [.. names.SelectMany(p => nationalities.Select(foreign => new MetricTerm(Recognized(p, foreign), MetricWindow.HeldToday)))]);
    }

    /// <summary>A programme code as the Talent register allows it.</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,60}$")]
    private static partial Regex ProgrammeCode();
}
