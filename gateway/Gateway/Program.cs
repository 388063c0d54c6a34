using Gateway;
using Gateway.OpenApi;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Gateway.Web;
using ServiceDefaults;
using ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(GatewayService.Description);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(PublishedDocuments.Apply);
builder.Services.AddDownstreamReadiness();
builder.Services.AddTokenIssuer(builder.Configuration);
builder.Services.AddGatewayRateLimits(builder.Configuration);
builder.Services.AddBrowserClients(builder.Configuration);
builder.Services.AddWebPages(builder.Configuration, builder.Environment);

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseCors();
app.UseRateLimiter();
app.MapTokenEndpoints();
// The services frame and compress their own answers: the gateway passes them on as they come.
app.MapReverseProxy().WithPassThroughResponses();
app.MapWebPages();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
