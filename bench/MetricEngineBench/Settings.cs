namespace MetricEngineBench;

/// <summary>What to run against, and how big: <c>--name value</c> arguments, defaults in brackets of the usage text.</summary>
internal sealed record Settings(string Gateway, string ClientId, string ClientSecret, string EnterprisesDatabase, string PlansDatabase, int PlansPid,
    int PostgresPid,
    IReadOnlyList<(int Size, int Valid)> Sizes, int RateBurst, int Warmup, int Burst, int Sequential, int Concurrency, TimeSpan Timeout)
{
    public const string Usage =
        "MetricEngineBench --gateway URL --client-id ID --client-secret SECRET --enterprises-db CONN --plans-db CONN --plans-pid PID --postgres-pid PID " +
        "[--sizes 10000:2000,100000:20000] [--rate-burst 1500] [--warmup 300] [--burst 5000] [--sequential 200] [--concurrency 16] [--timeout-minutes 30]";

    public static Settings From(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            given[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) => given.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.\n{Usage}");
        int Number(string name, int fallback) => given.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var sizes = (given.GetValueOrDefault("sizes") ?? "10000:2000,100000:20000").Split(',')
            .Select(pair => pair.Split(':'))
            .Select(pair => (int.Parse(pair[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new Settings(Required("gateway"), Required("client-id"), Required("client-secret"), Required("enterprises-db"),
            Required("plans-db"), int.Parse(Required("plans-pid"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Required("postgres-pid"), System.Globalization.CultureInfo.InvariantCulture), sizes, Number("rate-burst", 1500), Number("warmup", 300), Number("burst", 5000), Number("sequential", 200),
            Number("concurrency", 16), TimeSpan.FromMinutes(Number("timeout-minutes", 30)));
    }
}
