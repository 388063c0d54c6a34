namespace SharedKernel.Access;

/// <summary>
/// The OAuth2 scopes of the API and the audience its tokens carry: one list for the services that
/// require them, the gateway that issues them, and the documents that describe them.
/// </summary>
public static class Scopes
{
    /// <summary>The audience every token for this API must carry.</summary>
    public const string Audience = "tianjin-sti-api";

    public const string PlansRead = "plans.read";
    public const string PlansWrite = "plans.write";
    public const string EnterprisesRead = "enterprises.read";
    public const string EnterprisesWrite = "enterprises.write";
    public const string PlatformsRead = "platforms.read";
    public const string PlatformsWrite = "platforms.write";
    public const string TalentRead = "talent.read";
    public const string TalentWrite = "talent.write";
    public const string TalentPii = "talent.pii";
    public const string Admin = "admin";

    /// <summary>Every scope with what it allows, for token clients and API documents.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        [PlansRead] = "Read draft plans and everything not published (published plans are public).",
        [PlansWrite] = "Create and change plans, indicators, tasks and observations (within the token's region).",
        [EnterprisesRead] = "Read the enterprise register: enterprises, annual reports, qualifications, eligibility.",
        [EnterprisesWrite] = "Register and change enterprises, file annual reports, grant and revoke qualifications.",
        [PlatformsRead] = "Read the innovation-platform register.",
        [PlatformsWrite] = "Accredit and change innovation platforms, their evaluations and tenants.",
        [TalentRead] = "Read the talent register (personal data masked).",
        [TalentWrite] = "Register and change people, recognitions, teams and commissioners.",
        [TalentPii] = "See identity numbers and phones in clear and filter by them.",
        [Admin] = "Operate the system: register authority, reconciliation, audit trail, event dead letters.",
    };

    public static IReadOnlyList<string> All { get; } = Descriptions.Keys.ToList();
}
