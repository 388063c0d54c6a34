using ServiceDefaults;

namespace Gateway;

internal static class GatewayService
{
    public static readonly ServiceDescription Description = new("gateway", "Tianjin S&T Gateway",
        "The single entry point: routes /api/v1/... to the Plans, Enterprises, Platforms and Talent services. " +
        "Pick a service's document in the list above to see its API.",
        typeof(GatewayService).Assembly);
}
