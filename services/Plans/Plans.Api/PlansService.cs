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
        $"Register metrics an indicator may bind to: {MetricKey.Documentation}.",
        typeof(PlansService).Assembly);
}
