using Plans.Api.Domain;
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
        $"Register metrics an indicator may bind to: {MetricKey.Documentation}.\n\n" +
        "The enterprise metrics are live: the service keeps a copy of the Enterprises register from its events " +
        "(EnterpriseRegistered/Updated, QualificationGranted/Revoked/Expired) and, where an administrator has marked the register " +
        "authoritative for the plan's region or a region above it (PUT /api/v1/regions/{code}/registers/enterprises), records each " +
        "change as an automatic observation (origin `metric`, recordedBy `register:enterprises`) for the current year in every " +
        "plan that is not archived and whose region holds the enterprise. An enterprise counts where its district or its " +
        "functional zone lies, once. `enterprises.qualified.{Type}`: enterprises holding a qualification of the type that is " +
        "valid today. `enterprises.granted.{Type}`: qualifications of the type granted after the indicator's baseline year " +
        "(without a baseline, from the start of the plan's period) and not revoked; for a running total (`cumulative`) or an " +
        "`increment` the observation is the baseline plus that count, for a `flow` the count of this year. Progress names each " +
        "actual's `source` and each indicator's `metricStatus` (unbound, awaitingAuthority, live, registerNotConnected). " +
        "POST /api/v1/registers/enterprises/reconcile rebuilds the copy from the Enterprises API, as the service also does at start-up.",
        typeof(PlansService).Assembly);
}
