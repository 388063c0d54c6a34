using Persistence;
using SharedKernel.Access;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using ServiceDefaults.Paging;

namespace Persistence.Audit;

/// <summary>An audited write.</summary>
/// <param name="Changes">Each changed field with its value before and after.</param>
/// <param name="RequestId">The X-Request-Id of the call that made the change.</param>
public sealed record AuditRecordResponse(long Id, DateTimeOffset At, string ClientId, string Action, string ResourceType,
    string ResourceKey, JsonElement Changes, string? RequestId);

/// <summary>Filters of the audit trail.</summary>
/// <param name="ResourceType">Plan, Indicator, KeyTask, Observation …</param>
/// <param name="ResourceKey">e.g. TJ-STI-14FYP or TJ-STI-14FYP/T1-05.</param>
/// <param name="ClientId">Changes made by this client.</param>
/// <param name="From">Changes at or after this time.</param>
/// <param name="To">Changes before this time.</param>
public sealed record AuditFilter(string? ResourceType, string? ResourceKey, string? ClientId, DateTimeOffset? From, DateTimeOffset? To);

public static class AuditApi
{
    private static readonly Keyset<AuditRecord> Keyset = new(new SortFields<AuditRecord>("-id",
        new Dictionary<string, System.Linq.Expressions.Expression<Func<AuditRecord, object?>>> { ["id"] = r => r.Id }), "id");

    /// <summary>
    /// The service's own audit trail at <c>/api/v1/audit/{service}</c>, the path the gateway routes to it
    /// unchanged, so the service's document names the path clients call.
    /// </summary>
    public static void MapAuditApi(this IEndpointRouteBuilder app, string serviceName) =>
        app.MapGet($"/api/v1/audit/{serviceName}", ListAuditRecords).WithTags("Audit").WithName("ListAuditRecords")
            .WithSummary("Who changed what and when, newest first").RequireAuthorization(Scopes.Admin);

    private static async Task<Ok<CursorPage<AuditRecordResponse>>> ListAuditRecords([AsParameters] AuditFilter filter,
        [AsParameters] ListQuery list, DbContext db, HttpContext http, CancellationToken ct)
    {
        var query = db.Set<AuditRecord>().AsNoTracking();
        var resourceType = NonBlank(filter.ResourceType);
        var resourceKey = NonBlank(filter.ResourceKey);
        var clientId = NonBlank(filter.ClientId);
        if (resourceType is not null)
        {
            query = query.Where(r => r.ResourceType == resourceType);
        }

        if (resourceKey is not null)
        {
            query = query.Where(r => r.ResourceKey == resourceKey);
        }

        // The client is a literal of the statement (Literals; EF Core quotes and escapes it): when one client (an
        // import's) wrote most of a trail, PostgreSQL's generic plan of "ClientId = $1" expected half the trail to match
        // and walked the primary key past every other client's record; with the literal it reads (ClientId, Id). The
        // statements stay within EF Core's query cache and Npgsql's prepared statements, both bounded.
        if (clientId is not null)
        {
            query = query.Where(Literals.Bind((AuditRecord r, string client) => r.ClientId == client, clientId));
        }

        // PostgreSQL compares timestamptz only with UTC values; callers may send any offset (+08:00).
        var from = filter.From?.ToUniversalTime();
        var to = filter.To?.ToUniversalTime();
        if (from is { } since)
        {
            query = query.Where(r => r.At >= since);
        }

        if (to is { } until)
        {
            query = query.Where(r => r.At < until);
        }

        var scope = Cursors.Scope(resourceType, resourceKey, clientId, from?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            to?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return NextLink.Set(http, await query.ToCursorPageAsync(db.Database, Keyset, list, scope, r => new AuditRecordResponse(r.Id,
            r.At, r.ClientId, r.Action, r.ResourceType, r.ResourceKey, JsonDocument.Parse(r.Changes).RootElement, r.RequestId), ct));
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
