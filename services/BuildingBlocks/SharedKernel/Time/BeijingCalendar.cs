namespace SharedKernel.Time;

/// <summary>
/// The one "today" of every service: the calendar date in Beijing (Asia/Shanghai), whatever the
/// server's zone. Qualifications expire, years of observations turn and plans' periods start on
/// Beijing dates; between 00:00 and 08:00 Beijing time the UTC date is still yesterday's.
/// </summary>
public static class BeijingCalendar
{
    /// <summary>Asia/Shanghai from the system's zone database; UTC+8 without daylight saving (its rule since 1991) where none is installed.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Beijing calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
