using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBus;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Errors;
using SharedKernel.Regions;

namespace Enterprises.Directory;

/// <summary>
/// Which enterprises the register holds, for a service that must refuse a name the register does not
/// know (a platform's host, a tenant, an employer): what the events brought, and for a code they did
/// not bring (the stream is capped; the consumer may be new) one call to the Enterprises API, whose
/// answer is kept. An unknown code is not an error here; the caller decides what it means.
/// </summary>
public sealed class EnterpriseDirectory(DbContext db, IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "enterprise-directory";

    /// <summary>The enterprise, or null when the register does not hold it.</summary>
    /// <exception cref="UnavailableException">The register could not be asked (503 to the caller).</exception>
    public async Task<KnownEnterprise?> FindAsync(string creditCode, CancellationToken ct)
    {
        var known = await db.Set<KnownEnterprise>().FindAsync([creditCode], ct);
        return known ?? await AskRegisterAsync(creditCode, ct);
    }

    private async Task<KnownEnterprise?> AskRegisterAsync(string creditCode, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        if (client.BaseAddress is null)
        {
            return null;
        }

        RegisterEnterprise? found;
        try
        {
            using var response = await client.GetAsync($"api/v1/enterprises/{Uri.EscapeDataString(creditCode)}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            found = await response.Content.ReadFromJsonAsync<RegisterEnterprise>(ct);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or Polly.ExecutionRejectedException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new UnavailableException("registerUnavailable", "The enterprise register is unavailable",
                $"Whether enterprise '{creditCode}' is on the register cannot be checked now; try again later.", e);
        }

        if (found is not { CreditCode: { Length: 18 } code, Name: { Length: > 0 and <= 200 } name } || code != creditCode
            || RegionCodes.Find(found.RegionCode) is null || (found.ZoneCode is { } zone && RegionCodes.Find(zone) is null))
        {
            throw new UnavailableException("registerUnavailable", "The enterprise register is unavailable",
                $"The register answered for enterprise '{creditCode}' with something unreadable.");
        }

        // Written at once rather than tracked for the command's save: the register's event may bring the
        // same enterprise meanwhile, and whichever row is written first is kept (a second insert at the
        // command's save would fail the caller's command as a conflict).
        await KnownEnterpriseRows.InsertIfAbsentAsync(db,
            new KnownEnterprise(code, name, found.RegionCode!, found.ZoneCode, clock.GetUtcNow()), ct);
        return await db.Set<KnownEnterprise>().SingleAsync(k => k.CreditCode == code, ct);
    }

    private sealed record RegisterEnterprise(string? CreditCode, string? Name, string? RegionCode, string? ZoneCode);
}

/// <summary>
/// Keeps the directory from the register's events; news older than a row's last change is ignored. Nothing is saved
/// here: the batch of events is, once, after its last event. A look-up that wrote the same enterprise meanwhile makes
/// that save fail on the row's key; the batch's events are then applied again one at a time, and the news is applied to
/// the row the look-up wrote.
/// </summary>
public sealed class EnterpriseDirectoryHandler(KnownEnterpriseBatch batch) :
    IIntegrationEventHandler<Contracts.EnterpriseRegistered>,
    IIntegrationEventHandler<Contracts.EnterpriseUpdated>
{
    public Task HandleAsync(Contracts.EnterpriseRegistered e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.OccurredAt, ct);

    public Task HandleAsync(Contracts.EnterpriseUpdated e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.OccurredAt, ct);

    private async Task ApplyAsync(string creditCode, string name, string regionCode, string? zoneCode, DateTimeOffset occurredAt,
        CancellationToken ct)
    {
        if (await batch.Enterprises.FindAsync(creditCode, ct) is { } known)
        {
            known.Update(name, regionCode, zoneCode, occurredAt);
        }
        else
        {
            batch.Enterprises.Add(new KnownEnterprise(creditCode, name, regionCode, zoneCode, occurredAt));
        }
    }
}
