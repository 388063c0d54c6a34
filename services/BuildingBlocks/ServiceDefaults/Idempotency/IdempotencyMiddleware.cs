using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Idempotency;

/// <summary>Marks an endpoint whose POST honours the Idempotency-Key header.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// A retry of a creating POST with the same Idempotency-Key and the same body gets the first
/// answer again (marked <c>Idempotent-Replayed: true</c>) and creates nothing; the same key with
/// another body is a 422. Successful answers are kept for <see cref="Retention"/>.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"{Header} must be 1 to {MaxKeyLength} printable characters.",
                new Dictionary<string, string[]> { [Header] = ["Not a usable key."] });
        }

        var scopedKey = $"{context.User.FindFirst("client_id")?.Value ?? "anonymous"}:{key}";
        var hash = await HashRequestAsync(context.Request);
        var db = context.RequestServices.GetRequiredService<DbContext>();
        var records = db.Set<IdempotencyRecord>();
        var previous = await records.AsNoTracking().SingleOrDefaultAsync(r => r.Key == scopedKey, context.RequestAborted);
        if (previous is not null && previous.CreatedAt > DateTimeOffset.UtcNow - Retention)
        {
            if (previous.RequestHash != hash)
            {
                throw new ApiException(422, ErrorCodes.IdempotencyKeyReused, "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request; use a new key for a new request.");
            }

            await ReplayAsync(context.Response, previous);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            await RememberAsync(db, previous, new IdempotencyRecord
            {
                Key = scopedKey,
                RequestHash = hash,
                StatusCode = context.Response.StatusCode,
                ContentType = context.Response.ContentType,
                Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                Body = captured.ToArray(),
                CreatedAt = DateTimeOffset.UtcNow,
            }, context.RequestAborted);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task RememberAsync(DbContext db, IdempotencyRecord? expired, IdempotencyRecord record,
        CancellationToken cancellationToken)
    {
        var records = db.Set<IdempotencyRecord>();
        if (expired is not null)
        {
            records.Remove(expired);
        }

        var entry = records.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.IsUniqueViolation(exception))
        {
            // A concurrent request with the same key stored its answer first; it stands.
            entry.State = EntityState.Detached;
        }
    }

    private static async Task ReplayAsync(HttpResponse response, IdempotencyRecord record)
    {
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
        await response.Body.WriteAsync(record.Body, response.HttpContext.RequestAborted);
    }
}
