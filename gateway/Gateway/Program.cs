using Gateway;
using Gateway.Tokens;
using ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(GatewayService.Description);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
builder.Services.AddDownstreamReadiness();
builder.Services.AddTokenIssuer(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapTokenEndpoints();
app.MapReverseProxy();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
