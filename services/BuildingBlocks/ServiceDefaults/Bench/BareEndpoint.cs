using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace ServiceDefaults.Bench;

/// <summary>
/// The baseline of bench/requests.sh: with <c>Bench:BareEndpoint=true</c>, <c>GET /bench/bare</c> is
/// answered in front of the whole pipeline with a small constant JSON body, so that what Kestrel alone
/// costs per request is measured in the same process, under the same load, as the API's routes.
/// Absent unless the setting is given.
/// </summary>
public static class BareEndpoint
{
    public const string Setting = "Bench:BareEndpoint";
    public const string Path = "/bench/bare";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"code":"120118","name":"bare","kind":"district"}""");

    internal static WebApplication UseBareEndpointWhenBenchmarking(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (!context.Request.Path.Equals(Path, StringComparison.Ordinal))
            {
                return next(context);
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body).AsTask();
        });
        return app;
    }
}
