using Plans.Api;
using Plans.Api.Adjustments;
using EventBus.Redis;
using Plans.Api.Completeness;
using Plans.Api.Data;
using Plans.Api.Indicators;
using Plans.Api.Observations;
using Plans.Api.Plans;
using Plans.Api.Progress;
using Plans.Api.Regions;
using Plans.Api.Reports;
using Plans.Api.Reviews;
using Plans.Api.Rollups;
using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Authority;
using Plans.Api.RegisterMetrics.Reconciliation;
using Plans.Api.Seeds;
using Plans.Api.Tasks;
using Plans.Api.Units;
using ServiceDefaults;
using ServiceDefaults.Messaging;
using Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(PlansService.Description);
builder.AddServiceDatabase<PlansDbContext, SqlitePlansDbContext, PostgresPlansDbContext>(PlansService.Description.Name);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
builder.Services.AddTaskNumbering();
builder.Services.AddPlanSeeds(builder.Configuration);
// The register sources subscribe the events they consume.
builder.AddRedisEventBus(PlansService.Description.Name);
builder.Services.AddRegisterMetrics(builder.Configuration);

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseServiceDatabase();
app.MapRegionsApi();
app.MapRegisterAuthorityApi();
app.MapRegistersApi();
app.MapPlansApi();
app.MapIndicatorsApi();
app.MapObservationsApi();
app.MapBulkObservationsApi();
app.MapAdjustmentsApi();
app.MapTasksApi();
app.MapUnitsApi();
app.MapCompletenessApi();
app.MapReportsApi();
app.MapReviewsApi();
app.MapRollupsApi();
app.MapProgressApi();
app.MapSeedsApi();
app.MapEventBusApi();

await app.RunServiceAsync(args);

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
