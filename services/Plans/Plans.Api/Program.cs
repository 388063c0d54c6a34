using Plans.Api;
using Plans.Api.Data;
using Plans.Api.Indicators;
using Plans.Api.Observations;
using Plans.Api.Plans;
using Plans.Api.Progress;
using Plans.Api.Regions;
using Plans.Api.Seeds;
using Plans.Api.Tasks;
using ServiceDefaults;
using ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(PlansService.Description);
builder.AddServiceDatabase<PlansDbContext, SqlitePlansDbContext, PostgresPlansDbContext>(PlansService.Description.Name);
builder.Services.AddPlanSeeds(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRegionsApi();
app.MapPlansApi();
app.MapIndicatorsApi();
app.MapObservationsApi();
app.MapTasksApi();
app.MapProgressApi();
app.MapSeedsApi();

app.Run();

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
