using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Auth;

/// <summary>
/// A request that sends a bearer token which fails validation (malformed, expired, tampered, from an
/// issuer not configured) is a 401 <c>invalid_token</c> problem on every route. Public reads included:
/// answering as if the caller were anonymous would hide from a client whose token expired that it
/// now sees only the public documents. A request without a token is anonymous as before.
/// </summary>
internal sealed class InvalidTokenMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The handlers keep their result for the request, so this asks again at no cost.
        if (context.Request.Headers.Authorization.Count > 0
            && (await context.AuthenticateAsync(AuthExtensions.Scheme)).Failure is not null)
        {
            throw new InvalidTokenException();
        }

        await next(context);
    }
}
