using Enterprises.Directory;
using EventBus.Redis;
using Persistence;
using ServiceDefaults;
using ServiceDefaults.Messaging;
using Talent.Api;
using Talent.Api.Commissioners;
using Talent.Api.Csv;
using Talent.Api.Data;
using Talent.Api.Programmes;
using Talent.Api.Recognitions;
using Talent.Api.Statistics;
using Talent.Api.Talents;
using Talent.Api.Teams;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(TalentService.Description);
builder.AddServiceDatabase<TalentDbContext, SqliteTalentDbContext, PostgresTalentDbContext>(TalentService.Description.Name);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
builder.AddRedisEventBus(TalentService.Description.Name).AddEnterpriseDirectory(builder.Configuration);
builder.AddProgrammeCatalog();
// Query parameters bind case-insensitively; the document names them as the API does, in camelCase.
builder.Services.ConfigureSwaggerGen(options => options.DescribeAllParametersInCamelCase());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseServiceDatabase();
app.MapTalentsApi();
app.MapTalentImportApi();
app.MapStatisticsApi();
app.MapRecognitionsApi();
app.MapProgrammesApi();
app.MapTeamsApi();
app.MapCommissionersApi();
app.MapEventBusApi();

await app.RunServiceAsync(args);

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
