using Enterprises.Directory;
using EventBus.Redis;
using Persistence;
using Platforms.Api;
using Platforms.Api.Catalog;
using Platforms.Api.Csv;
using Platforms.Api.Data;
using Platforms.Api.Evaluations;
using Platforms.Api.Platforms;
using Platforms.Api.Rectifications;
using Platforms.Api.Statistics;
using Platforms.Api.Status;
using Platforms.Api.Tenants;
using ServiceDefaults;
using ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(PlatformsService.Description);
builder.AddServiceDatabase<PlatformsDbContext, SqlitePlatformsDbContext, PostgresPlatformsDbContext>(PlatformsService.Description.Name);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
builder.Services.AddPlatformCatalog(builder.Configuration);
builder.Services.AddScoped<PlatformViews>();
builder.AddRedisEventBus(PlatformsService.Description.Name).AddEnterpriseDirectory(builder.Configuration);
builder.AddRectificationReview();
// Query parameters bind case-insensitively; the document names them as the API does, in camelCase.
builder.Services.ConfigureSwaggerGen(options => options.DescribeAllParametersInCamelCase());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseServiceDatabase();
app.MapPlatformTypesApi();
app.MapStatisticsApi();
app.MapPlatformImportApi();
app.MapPlatformsApi();
app.MapStatusApi();
app.MapEvaluationsApi();
app.MapRectificationsApi();
app.MapTenantsApi();
app.MapEventBusApi();

await app.RunServiceAsync(args);

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
