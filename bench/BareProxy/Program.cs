// The floors bench/requests.sh measures the gateway and the services against, in the same run: YARP forwarding to the
// same services with nothing of ours around it (no middleware, no logging, no telemetry, routes from memory), and, with
// --endpoint, an ASP.NET Core process answering one endpoint, whose idle memory is the least a service can hold.
//   dotnet BareProxy.dll --urls http://127.0.0.1:PORT --Plans http://127.0.0.1:P --Enterprises http://127.0.0.1:E
//   dotnet BareProxy.dll --urls http://127.0.0.1:PORT --endpoint
using Yarp.ReverseProxy.Configuration;

var endpointOnly = args.Contains("--endpoint");
var builder = WebApplication.CreateSlimBuilder(args.Where(arg => arg != "--endpoint").ToArray());
builder.Logging.ClearProviders();
if (!endpointOnly)
{
    // As the gateway and nginx route them: the enterprise register to Enterprises, the rest to Plans.
    builder.Services.AddReverseProxy().LoadFromMemory(
        [
            new RouteConfig { RouteId = "enterprises", ClusterId = "enterprises", Match = new RouteMatch { Path = "/api/v1/enterprises/{**rest}" } },
            new RouteConfig { RouteId = "plans", ClusterId = "plans", Match = new RouteMatch { Path = "{**rest}" } },
        ],
        [Cluster("plans", builder.Configuration["Plans"]), Cluster("enterprises", builder.Configuration["Enterprises"])]);
}

var app = builder.Build();
if (endpointOnly)
{
    app.MapGet("/bare", () => "bare");
}
else
{
    app.MapReverseProxy();
}

app.Run();

static ClusterConfig Cluster(string name, string? address) => new()
{
    ClusterId = name,
    Destinations = new Dictionary<string, DestinationConfig>
    {
        [name] = new() { Address = address ?? throw new ArgumentException($"--{name} <url> is required.") },
    },
};
