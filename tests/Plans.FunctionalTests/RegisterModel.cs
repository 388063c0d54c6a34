using Enterprises.Contracts;
using EventBus;

namespace Plans.FunctionalTests;

/// <summary>
/// A small Enterprises register that plays by the register's rules (no grant dated in the future,
/// no overlapping valid grants of a type, expiry only after the last day, designations that begin
/// by today) and emits the events the real one would. It is the truth the local copy must converge
/// to, whatever order, repetition or staleness the events arrive in: the news with the latest
/// time wins for each row.
/// </summary>
public sealed class RegisterModel(Random random, Func<DateOnly> today)
{
    public static readonly (string Region, string? Zone)[] Places =
        [("120118", null), ("120110", null), ("120116", "12Z01"), ("120116", null), ("120101", null)];

    public static readonly string[] Types = ["HighTech", "TechSme", "Eagle"];
    public static readonly string[] Kinds = ["Listed", "Unicorn"];

    private static long nextId = Random.Shared.Next(1, 1_000_000) * 10_000L;
    private static long tick = DateTimeOffset.UtcNow.AddYears(-1).Ticks;

    public Dictionary<string, (string Region, string? Zone)> Enterprises { get; } = [];
    public Dictionary<string, (int Year, decimal Wan)> Revenues { get; } = [];
    public Dictionary<long, Qualification> Qualifications { get; } = [];
    public Dictionary<long, Designation> Designations { get; } = [];

    public sealed record Qualification(string CreditCode, string Type, DateOnly GrantedOn, DateOnly ExpiresOn, string Status);

    public sealed record Designation(string CreditCode, string Kind, DateOnly Since, DateOnly? EndedOn, bool Withdrawn);

    /// <summary>The next change the register makes, as its event, described for a failure report.</summary>
    public (IntegrationEvent Event, string Description) Next()
    {
        while (true)
        {
            if (Enterprises.Count < 2 || random.Next(8) == 0)
            {
                return Register();
            }

            var code = Enterprises.Keys.ElementAt(random.Next(Enterprises.Count));
            var change = random.Next(10) switch
            {
                0 => Move(code),
                1 or 2 or 3 => Grant(code),
                4 => Revoke(),
                5 => Expire(),
                6 => Designate(code),
                7 => EndDesignation(),
                _ => Report(code),
            };
            if (change is { } made)
            {
                return made;
            }
        }
    }

    private (IntegrationEvent, string) Register()
    {
        var code = CreditCodes.New("120118", random);
        var place = Places[random.Next(Places.Length)];
        Enterprises[code] = place;
        return (Stamp(new EnterpriseRegistered(code, "天津模型科技有限公司", place.Region, place.Zone, null, new DateOnly(2000, 1, 1))),
            $"register {code} at {place}");
    }

    private (IntegrationEvent, string) Move(string code)
    {
        var place = Places[random.Next(Places.Length)];
        Enterprises[code] = place;
        return (Stamp(new EnterpriseUpdated(code, "天津模型科技有限公司", place.Region, place.Zone, null, new DateOnly(2000, 1, 1))),
            $"move {code} to {place}");
    }

    private (IntegrationEvent, string)? Grant(string code)
    {
        var type = Types[random.Next(Types.Length)];
        var day = today();
        var grantedOn = type == "TechSme" ? new DateOnly(day.Year, 1, 1).AddDays(random.Next(day.DayOfYear)) : day.AddDays(-random.Next(900));
        var expiresOn = type switch
        {
            "HighTech" => grantedOn.AddDays(-1).AddYears(3),
            "TechSme" => new DateOnly(grantedOn.Year, 12, 31),
            _ => grantedOn.AddYears(random.Next(1, 4)),
        };
        if (expiresOn < day || Qualifications.Values.Any(q => q.CreditCode == code && q.Type == type && q.Status == "Valid"
                && q.GrantedOn <= expiresOn && grantedOn <= q.ExpiresOn))
        {
            return null;
        }

        var id = Interlocked.Increment(ref nextId);
        Qualifications[id] = new Qualification(code, type, grantedOn, expiresOn, "Valid");
        var (region, zone) = Enterprises[code];
        return (Stamp(new QualificationGranted(id, code, type, region, zone, grantedOn, expiresOn)), $"grant {id} {type} {grantedOn}..{expiresOn} to {code}");
    }

    private (IntegrationEvent, string)? Revoke()
    {
        if (Pick(Qualifications, q => q.Status == "Valid") is not { } id)
        {
            return null;
        }

        var q = Qualifications[id] = Qualifications[id] with { Status = "Revoked" };
        var (region, zone) = Enterprises[q.CreditCode];
        return (Stamp(new QualificationRevoked(id, q.CreditCode, q.Type, region, zone, q.GrantedOn, q.ExpiresOn, today(), "模型撤销")), $"revoke {id}");
    }

    private (IntegrationEvent, string)? Expire()
    {
        if (Pick(Qualifications, q => q.Status == "Valid" && q.ExpiresOn < today()) is not { } id)
        {
            return null;
        }

        var q = Qualifications[id] = Qualifications[id] with { Status = "Expired" };
        var (region, zone) = Enterprises[q.CreditCode];
        return (Stamp(new QualificationExpired(id, q.CreditCode, q.Type, region, zone, q.GrantedOn, q.ExpiresOn, q.ExpiresOn.AddDays(1))),
            $"expire {id}");
    }

    private (IntegrationEvent, string) Designate(string code)
    {
        var id = Interlocked.Increment(ref nextId);
        var kind = Kinds[random.Next(Kinds.Length)];
        var since = today().AddDays(-random.Next(2000));
        Designations[id] = new Designation(code, kind, since, null, false);
        var (region, zone) = Enterprises[code];
        return (Stamp(new DesignationAdded(id, code, kind, kind == "Listed" ? "主板" : null, since, region, zone)), $"designate {id} {kind} since {since} to {code}");
    }

    private (IntegrationEvent, string)? EndDesignation()
    {
        if (Pick(Designations, d => d.EndedOn is null && !d.Withdrawn) is not { } id)
        {
            return null;
        }

        var d = Designations[id];
        var withdrawn = random.Next(4) == 0;
        var endedOn = d.Since.AddDays(random.Next(today().DayNumber - d.Since.DayNumber + 1));
        Designations[id] = d with { EndedOn = endedOn, Withdrawn = withdrawn };
        var (region, zone) = Enterprises[d.CreditCode];
        return (Stamp(new DesignationEnded(id, d.CreditCode, d.Kind, null, d.Since, endedOn, withdrawn, region, zone, "模型")),
            $"{(withdrawn ? "withdraw" : "end")} designation {id} on {endedOn}");
    }

    private (IntegrationEvent, string) Report(string code)
    {
        var year = today().Year - random.Next(3);
        var wan = random.Next(4) switch { 0 => 5_000m, 1 => 12_000.5m, 2 => 150_000m, _ => 1_000_000m };
        if (!Revenues.TryGetValue(code, out var held) || held.Year <= year)
        {
            Revenues[code] = (year, wan);
        }

        var (region, zone) = Enterprises[code];
        return (Stamp(new AnnualReportFiled(code, year, wan, region, zone)), $"report {code} {year}: {wan}");
    }

    private long? Pick<T>(Dictionary<long, T> rows, Func<T, bool> which)
    {
        var ids = rows.Where(r => which(r.Value)).Select(r => r.Key).ToList();
        return ids.Count == 0 ? null : ids[random.Next(ids.Count)];
    }

    /// <summary>Each change happens after every earlier one, so the latest news of each row is the truth.</summary>
    private static T Stamp<T>(T @event) where T : IntegrationEvent =>
        @event with { OccurredAt = new DateTimeOffset(Interlocked.Add(ref tick, TimeSpan.TicksPerMillisecond), TimeSpan.Zero) };
}
