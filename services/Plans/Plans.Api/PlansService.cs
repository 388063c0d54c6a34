using ServiceDefaults;

namespace Plans.Api;

internal static class PlansService
{
    public static readonly ServiceDescription Description = new("plans", "Plans API",
        "Tianjin science-and-technology plans: their indicators with baselines and targets, yearly observations, " +
        "progress, key tasks with lead and responsible units, and the region tree.\n\n" +
        "Errors are RFC 9457 problem details with a stable `code`. 400: the request could not be read (malformed JSON, " +
        "wrong type, unknown enum value, bad query parameter). 422: it was read but breaks a rule (`errors` per field). " +
        "Updates are JSON merge patches and need `If-Match` with the ETag of the last read.\n\n" +
        "Live monitoring: an indicator may bind to a metric of a register (`metric`, keys below). The service keeps a copy " +
        "of each connected register from its owner's events, with counts per place and day kept by delta, and, where an " +
        "administrator has marked the register authoritative for the plan's region or a region above it " +
        "(PUT /api/v1/regions/{code}/registers/{register}), keeps one automatic figure per indicator and year (origin `metric`, " +
        "recordedBy `register:{name}`) up to date in every plan that is not archived and whose region holds the change. " +
        "Progress names each actual's `source` and each indicator's `metricStatus` (unbound, awaitingAuthority, live, " +
        "registerNotConnected). POST /api/v1/registers/{register}/reconcile rebuilds a copy from the owner's API, as the " +
        "service also does at start-up.",
        typeof(PlansService).Assembly);
}
