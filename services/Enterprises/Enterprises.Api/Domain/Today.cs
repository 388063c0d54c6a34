namespace Enterprises.Api.Domain;

/// <summary>Dates of the register are Beijing dates (UTC+8), whatever the server's zone.</summary>
public static class Today
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static DateOnly Of(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Beijing).DateTime);
}
