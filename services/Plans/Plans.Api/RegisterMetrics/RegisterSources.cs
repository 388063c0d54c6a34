namespace Plans.Api.RegisterMetrics;

/// <summary>The registered sources, by name: what the engine, the validators and the documentation look keys and registers up in.</summary>
public sealed class RegisterSources
{
    private readonly Dictionary<string, IRegisterSource> byName;

    public RegisterSources(IEnumerable<IRegisterSource> sources)
    {
        All = sources.OrderBy(s => s.Register, StringComparer.Ordinal).ToList();
        byName = All.ToDictionary(s => s.Register, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<IRegisterSource> All { get; }

    /// <summary>The sources whose copies are kept.</summary>
    public IEnumerable<IRegisterSource> Connected => All.Where(s => s.Copy is not null);

    /// <summary>The source of a register, whatever the case of its name; null when there is none.</summary>
    public IRegisterSource? Find(string? register) => register is null ? null : byName.GetValueOrDefault(register);

    /// <summary>The metric a key names, or null when no source serves it.</summary>
    public RegisterMetric? Parse(string? key)
    {
        var dot = key?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && byName.TryGetValue(key![..dot], out var source) && source.Register == key[..dot] ? source.Parse(key) : null;
    }

    /// <summary>The register names, for messages that list them.</summary>
    public string Names => string.Join(", ", All.Select(s => s.Register));

    /// <summary>Every source's keys in one line each.</summary>
    public string KeySummary => string.Join("; ", All.Select(s => s.KeySummary));

    /// <summary>Every source's key documentation, for the OpenAPI description.</summary>
    public string KeyDocumentation => string.Join("\n\n", All.Select(s => s.KeyDocumentation));
}
