using ServiceDefaults;

namespace Platforms.Api;

internal static class PlatformsService
{
    public static readonly ServiceDescription Description = new("platforms", "Platforms API",
        "Tianjin's register of innovation platforms (创新平台): key laboratories, engineering and technology innovation centres, " +
        "enterprise technology centres, new R&D institutions, Haihe laboratories, industrial technology research institutes, " +
        "incubators, maker spaces, 星创天地, university and agricultural science parks, concept-verification centres, pilot-scale " +
        "bases, academician workstations and industry alliances (GET /api/v1/platforms/types; more types by configuration), " +
        "each with its level (national, municipal, district), region and zone, location abroad where it is abroad, host " +
        "(an enterprise by credit code, or a university, institute or hospital by name), field and approval.\n\n" +
        "Lifecycle: underConstruction → active → suspended ↔ active → revoked, each step dated and with a reason " +
        "(POST .../status, GET .../status-history). Yearly evaluations are graded by the type's scheme (A–D; excellent, good, " +
        "pass, fail; or a score, graded ≥90 / 65–90 / 60–65 / <60); a failing grade opens a rectification due within the type's " +
        "period, and a second failure or an overdue rectification proposes revocation, which the authority decides explicitly. " +
        "Incubators, maker spaces and 星创天地 admit tenants: enterprises by credit code or start-up teams.\n\n" +
        "Errors are RFC 9457 problem details with a stable `code`. 400: the request could not be read. 422: it was read but " +
        "breaks a rule (`errors` per field; a host or tenant credit code that is malformed, or not on the enterprise register, " +
        "is named under its field). 409: the platform's state forbids it (statusChangeNotAllowed, platformNotEvaluable, " +
        "alreadyEvaluated, platformTakesNoTenants, platformNotActive, tenantAlreadyActive, tenantAlreadyGraduated, " +
        "proposalDecided). 503 registerUnavailable: the enterprise register could not be asked. Updates are JSON merge patches " +
        "and need `If-Match`. Statistics and the type list are public (政务公开); everything else needs platforms.read or " +
        "platforms.write.\n\n" +
        "Events (Redis stream `platforms`): PlatformAccredited, PlatformUpdated, PlatformStatusChanged, PlatformEvaluated, " +
        "TenantAdmitted, TenantGraduated — each with the platform's id, type, level, designations, region, zone and abroad flag.",
        typeof(PlatformsService).Assembly);
}
