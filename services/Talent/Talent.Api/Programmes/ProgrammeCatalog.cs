using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SharedKernel.Errors;
using SharedKernel.Regions;
using Talent.Api.Domain;

namespace Talent.Api.Programmes;

/// <summary>A programme added (or a built-in one replaced) by configuration: <c>Talent:Programmes:N:Code</c>, …</summary>
public sealed class ProgrammeSetting
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NameEn { get; set; }
    public ProgrammeLevel Level { get; set; } = ProgrammeLevel.District;
    public string? Issuer { get; set; }
    public string? RegionCode { get; set; }
    public int StartYear { get; set; }
    public List<string> Tiers { get; set; } = [];
}

/// <summary>The <c>Talent</c> section.</summary>
public sealed class TalentOptions
{
    public const string Section = "Talent";

    public List<ProgrammeSetting> Programmes { get; set; } = [];
}

/// <summary>
/// The programmes people are recognised under: Tianjin's own, and the districts' added by
/// configuration (a setting with a built-in code replaces it, e.g. to correct its first year).
/// </summary>
public sealed partial class ProgrammeCatalog(IOptions<TalentOptions> options)
{
    /// <summary>
    /// The municipal programmes the plans name, and Baodi's talent pool. First years: 海河英才 and
    /// "项目+团队" from the action plan of May 2018; its upgrade, 千名优秀青年科技人才 and 杰出人才 as
    /// the municipal 14th five-year S&amp;T plan (2021) sets them; 科技特派员 from the national opinions
    /// of 2016 (国办发〔2016〕32号); Baodi's pool from the 13th five-year period (2016).
    /// </summary>
    public static readonly IReadOnlyList<Programme> BuiltIn =
    [
        new("HaiheTalent", "“海河英才”行动计划", "Haihe Talent Action Plan", ProgrammeLevel.Municipal, "中共天津市委、天津市人民政府",
            RegionCodes.Tianjin, 2018, HaiheTiers),
        new("HaiheTalentUpgraded", "“海河英才”行动计划（升级版）", "Haihe Talent Action Plan, upgraded", ProgrammeLevel.Municipal,
            "中共天津市委、天津市人民政府", RegionCodes.Tianjin, 2021, HaiheTiers),
        new("DistinguishedTalent", "杰出人才培养计划", "Distinguished Talent Programme", ProgrammeLevel.Municipal, "天津市人才工作领导小组",
            RegionCodes.Tianjin, 2018, []),
        new("YoungScientists", "青年科技人才（千名优秀青年科技人才）", "Outstanding Young Scientists", ProgrammeLevel.Municipal, "天津市科学技术局",
            RegionCodes.Tianjin, 2021, []),
        new("BaodiTalentPool", "宝坻区科技创新人才资源库", "Baodi S&T Innovation Talent Pool", ProgrammeLevel.District, "宝坻区科学技术局",
            "120115", 2016, []),
        new("TechCommissioner", "科技特派员", "Science and Technology Commissioners", ProgrammeLevel.Municipal, "天津市科学技术局",
            RegionCodes.Tianjin, 2016, []),
        new("ProjectTeam", "“项目+团队”", "Project + Team", ProgrammeLevel.Municipal, "天津市人才工作领导小组", RegionCodes.Tianjin, 2018, []),
    ];

    private static string[] HaiheTiers => ["顶尖人才", "领军人才", "高端人才", "青年人才"];

    private readonly IReadOnlyList<Programme> all = Build(options.Value);

    public IReadOnlyList<Programme> All => all;

    /// <summary>The programme of that code (any case), or null.</summary>
    public Programme? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : all.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The programme a write names, or a 422 on <paramref name="field"/>.</summary>
    public Programme Get(string? code, string field = "programme") => Find(code)
        ?? throw new RuleViolationException(field, $"There is no programme '{Shown(code)}'; see GET /api/v1/talent-programmes.");

    /// <summary>Why the settings cannot be used, one line each (checked at start-up).</summary>
    public static IEnumerable<string> Problems(TalentOptions options)
    {
        foreach (var (setting, index) in options.Programmes.Select((s, i) => (s, i)))
        {
            var at = $"Talent:Programmes:{index}";
            if (setting.Code is null || !Code().IsMatch(setting.Code))
            {
                yield return $"{at}:Code must be 1 to 60 letters, digits, _ or - (it becomes talent.recognized.{{Code}}).";
            }

            if (string.IsNullOrWhiteSpace(setting.Name) || string.IsNullOrWhiteSpace(setting.Issuer))
            {
                yield return $"{at}:Name and :Issuer are required.";
            }

            if (setting.StartYear is < 1949 or > 2100)
            {
                yield return $"{at}:StartYear must be the year the programme began.";
            }

            var region = RegionCodes.Find(setting.RegionCode);
            if (setting.Level == ProgrammeLevel.District ? region?.Kind is not (RegionKind.District or RegionKind.FunctionalZone) : region is null)
            {
                yield return $"{at}:RegionCode must be a region of GET /api/v1/regions (a district or zone for a district programme).";
            }
        }

        foreach (var repeated in options.Programmes.GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"Talent:Programmes names '{repeated.Key}' more than once.";
        }
    }

    private static List<Programme> Build(TalentOptions options)
    {
        var configured = options.Programmes.Select(s => new Programme(s.Code!.Trim(), s.Name!.Trim(), (s.NameEn ?? "").Trim(), s.Level,
            s.Issuer!.Trim(), s.RegionCode!, s.StartYear, s.Tiers.Select(t => t.Trim()).Where(t => t.Length > 0).ToList())).ToList();
        return BuiltIn.Where(b => !configured.Any(c => string.Equals(c.Code, b.Code, StringComparison.OrdinalIgnoreCase)))
            .Concat(configured)
            .ToList();
    }

    private static string Shown(string? code) => code is null ? "" : code.Length <= 60 ? code.Trim() : code[..60] + "…";

    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,60}$")]
    private static partial Regex Code();
}

internal static class ProgrammeCatalogExtensions
{
    public static IHostApplicationBuilder AddProgrammeCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TalentOptions>().Bind(builder.Configuration.GetSection(TalentOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TalentOptions>, TalentOptionsValidation>();
        builder.Services.AddSingleton<ProgrammeCatalog>();
        return builder;
    }

    private sealed class TalentOptionsValidation : IValidateOptions<TalentOptions>
    {
        public ValidateOptionsResult Validate(string? name, TalentOptions options) =>
            ProgrammeCatalog.Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
