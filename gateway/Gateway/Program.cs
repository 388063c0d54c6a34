using Gateway;
using Gateway.OpenApi;
using Gateway.RateLimiting;
using Gateway.Tokens;
using ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(GatewayService.Description);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(PublishedDocuments.Apply);
builder.Services.AddDownstreamReadiness();
builder.Services.AddTokenIssuer(builder.Configuration);
builder.Services.AddGatewayRateLimits(builder.Configuration);
builder.Services.AddBrowserClients(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseCors();
app.UseRateLimiter();
app.MapTokenEndpoints();
app.MapReverseProxy();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
