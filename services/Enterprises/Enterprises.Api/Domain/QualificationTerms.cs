namespace Enterprises.Api.Domain;

/// <summary>How long each type of qualification holds when the decision does not say.</summary>
public static class QualificationTerms
{
    /// <summary>
    /// HighTech: three years from the grant (the day before its third anniversary). TechSme: to the
    /// end of the grant year, since it is evaluated yearly. Eagle, Gazelle, Leader and
    /// LeaderCultivation terms vary by batch, so their decision's end date is required (null here).
    /// </summary>
    public static DateOnly? DefaultExpiry(QualificationType type, DateOnly grantedOn) => type switch
    {
        QualificationType.HighTech => grantedOn.AddDays(-1).AddYears(3),
        QualificationType.TechSme => new DateOnly(grantedOn.Year, 12, 31),
        _ => null,
    };

    public static bool NeedsExplicitExpiry(QualificationType type) => type is not (QualificationType.HighTech or QualificationType.TechSme);
}
