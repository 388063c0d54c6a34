using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Persistence.PersonalData;
using ServiceDefaults.Auth;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace Persistence.Idempotency;

/// <summary>Marks an endpoint whose POST honours the Idempotency-Key header.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// A retry of a creating POST with the same Idempotency-Key and the same body gets the first
/// answer again (marked <c>Idempotent-Replayed: true</c>) and creates nothing; the same key with
/// another body is a 422. The first answer is recorded in the same transaction as the change it
/// reports: the command joins the transaction opened here, so a crash can never leave a change
/// without its record (a retry would then be refused as a duplicate) or a record without its change.
/// Two first requests racing with one key make one change: the loser rolls back and replays the
/// winner's answer. Successful answers are kept for <see cref="Retention"/>.
/// A record keeps no personal data in plain text: the answer is encrypted (Data Protection) and the
/// request is identified by a keyed hash, since a plain digest of a body holding an identity number
/// could be matched by trying every number. Whether the caller could see personal data is part of
/// that hash, so an answer that showed it in clear is never replayed to a token that may not see it.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.ContainsKey(Header)
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[Header].ToString();
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= ' ' and <= '~'))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"{Header} must be 1 to {MaxKeyLength} printable ASCII characters.",
                new Dictionary<string, string[]> { [Header] = ["Not a usable key."] });
        }

        var scopedKey = $"{context.User.ClientId() ?? "anonymous"}:{key}";
        var protection = context.RequestServices.GetRequiredService<PersonalDataProtection>();
        var hash = await HashRequestAsync(context.Request, protection);
        var db = context.RequestServices.GetRequiredService<DbContext>();
        var records = db.Set<IdempotencyRecord>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        var previous = await records.AsNoTracking().SingleOrDefaultAsync(r => r.Key == scopedKey, context.RequestAborted);
        if (previous is not null && previous.CreatedAt > clock.GetUtcNow() - Retention)
        {
            await ReplayAsync(context.Response, previous, hash, protection);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                if (previous is not null)
                {
                    records.Remove(previous);
                }

                records.Add(new IdempotencyRecord
                {
                    Key = scopedKey,
                    RequestHash = hash,
                    StatusCode = context.Response.StatusCode,
                    ContentType = context.Response.ContentType,
                    Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    Body = protection.ProtectResponse(captured.ToArray()),
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(context.RequestAborted);
            }

            await transaction.CommitAsync(context.RequestAborted);
        }
        catch (Exception)
        {
            if (await WinnerAsync(db, transaction, scopedKey) is not { } winner)
            {
                throw;
            }

            // A concurrent request with the same key committed first: its change stands, ours is undone.
            context.Response.Body = original;
            context.Response.Clear();
            await ReplayAsync(context.Response, winner, hash, protection);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>After a failure, the record a concurrent request with the same key committed meanwhile, if any.</summary>
    private static async Task<IdempotencyRecord?> WinnerAsync(DbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        string scopedKey)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Key == scopedKey, CancellationToken.None);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request, PersonalDataProtection protection)
    {
        request.EnableBuffering();
        using var sha = protection.RequestHash();
        var sees = PersonalDataJson.CallerMaySee(request.HttpContext) ? "clear" : "masked";
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{sees}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpResponse response, IdempotencyRecord record, string requestHash,
        PersonalDataProtection protection)
    {
        if (record.RequestHash != requestHash)
        {
            throw new ApiException(422, ErrorCodes.IdempotencyKeyReused, "Idempotency-Key reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.");
        }

        response.StatusCode = record.StatusCode;
        response.ContentType = record.ContentType;
        if (record.Location is not null)
        {
            response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            response.Headers.ETag = record.ETag;
        }

        response.Headers["Idempotent-Replayed"] = "true";
        await response.Body.WriteAsync(protection.UnprotectResponse(record.Body), response.HttpContext.RequestAborted);
    }
}
