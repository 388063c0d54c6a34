using Microsoft.Extensions.Options;

namespace Platforms.Api.Catalog;

/// <summary>
/// The platform types this service accepts: the built-in ones, then those of the <c>PlatformTypes</c>
/// section (a key already built in replaces that type). Keys are matched in any case and stored as
/// the catalog spells them.
/// </summary>
public sealed class PlatformCatalog
{
    private readonly Dictionary<string, PlatformType> byKey;

    public PlatformCatalog(IOptions<List<PlatformTypeOptions>> configured)
    {
        var types = BuiltInTypes.All.ToDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configured.Value)
        {
            var type = entry.ToType();
            types[type.Key] = type;
        }

        byKey = types;
        All = BuiltInTypes.All.Select(t => types[t.Key]).Concat(types.Values.Where(t => !BuiltInTypes.All.Any(b => b.Key == t.Key))).ToList();
    }

    /// <summary>Every type, built-in ones first, in the order the catalog lists them.</summary>
    public IReadOnlyList<PlatformType> All { get; }

    public PlatformType? Find(string? key) => key is null ? null : byKey.GetValueOrDefault(key.Trim());

    /// <summary>The type of a stored platform (its key was checked when it was stored).</summary>
    public PlatformType Get(string key) => Find(key)
        ?? throw new InvalidOperationException($"Platform type '{key}' is stored but no longer configured; restore it under PlatformTypes.");

    public string Keys => string.Join(", ", All.Select(t => t.Key));
}

public static class PlatformCatalogExtensions
{
    /// <summary>The catalog, with the configured types checked at start-up.</summary>
    public static IServiceCollection AddPlatformCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<List<PlatformTypeOptions>>()
            .Bind(configuration.GetSection(PlatformTypeOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<List<PlatformTypeOptions>>, PlatformTypesValidation>();
        services.AddSingleton<PlatformCatalog>();
        return services;
    }

    /// <summary>Names each faulty entry, so that an operator sees what to fix when the service refuses to start.</summary>
    private sealed class PlatformTypesValidation : IValidateOptions<List<PlatformTypeOptions>>
    {
        public ValidateOptionsResult Validate(string? name, List<PlatformTypeOptions> options)
        {
            var problems = options.Select(t => t.Problem()).OfType<string>().ToList();
            problems.AddRange(options.GroupBy(t => t.Key?.ToLowerInvariant()).Where(g => g.Count() > 1)
                .Select(g => $"PlatformTypes: '{g.First().Key}' appears more than once."));
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
