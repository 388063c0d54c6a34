using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Auth;

/// <summary>
/// Authenticates a request that sends an <c>Authorization</c> header, the only place a token is read
/// from: a valid bearer token becomes the request's user. A request without one stays anonymous and
/// no scheme is asked about it (there is no default authenticate scheme: asking found nothing, for
/// about a twentieth of a public read's CPU); an endpoint that requires a scope still challenges it.
/// A token which fails validation (malformed, expired, tampered, from an issuer not configured) is a
/// 401 <c>invalid_token</c> problem on every route. Public reads included: answering as if the caller
/// were anonymous would hide from a client whose token expired that it now sees only the public documents.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            // The handlers keep their result for the request, so authorization asking again costs nothing.
            var result = await context.AuthenticateAsync(AuthExtensions.Scheme);
            if (result.Failure is not null)
            {
                throw new InvalidTokenException();
            }

            if (result.Principal is { } principal)
            {
                context.User = principal;
            }
        }

        await next(context);
    }
}
