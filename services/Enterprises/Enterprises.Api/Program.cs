using Enterprises.Api;
using Enterprises.Api.AnnualReports;
using Enterprises.Api.Csv;
using Enterprises.Api.CultivationPool;
using Enterprises.Api.Data;
using Enterprises.Api.Designations;
using Enterprises.Api.Eligibility;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Platforms;
using Enterprises.Api.Qualifications;
using Enterprises.Api.Statistics;
using EventBus;
using EventBus.Redis;
using Persistence;
using Platforms.Contracts;
using ServiceDefaults;
using ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(EnterprisesService.Description);
builder.AddServiceDatabase<EnterprisesDbContext, SqliteEnterprisesDbContext, PostgresEnterprisesDbContext>(EnterprisesService.Description.Name);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
builder.AddRedisEventBus(EnterprisesService.Description.Name)
    .ConsumeFrom("platforms")
    .AddSubscription<PlatformAccredited, HostedPlatformsHandler>()
    .AddSubscription<PlatformUpdated, HostedPlatformsHandler>()
    .AddSubscription<PlatformStatusChanged, HostedPlatformsHandler>();
builder.Services.AddSingleton(ListEnterprisesHandler.Pages()).AddSingleton(ListEnterprisesHandler.Searches())
    .AddSingleton(ListEnterprisesHandler.Counts()).AddSingleton(EnterpriseLookup.Listed())
    .AddSingleton(QualificationQueries.Pages()).AddSingleton(QualificationQueries.Counts())
    .AddSingleton(CodeRange.Queries());
builder.AddQualificationExpiry();
builder.AddCultivationPool();
builder.AddQualificationCounts();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseServiceDatabase();
app.MapEnterprisesApi();
app.MapStatisticsApi();
app.MapEnterpriseImportApi();
app.MapAnnualReportsApi();
app.MapQualificationsApi();
app.MapQualificationRegisterApi();
app.MapDesignationsApi();
app.MapDesignationRegisterApi();
app.MapEligibilityApi();
app.MapCultivationPoolApi();
app.MapEventBusApi();

await app.RunServiceAsync(args);

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
