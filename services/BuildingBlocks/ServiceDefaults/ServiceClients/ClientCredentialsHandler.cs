using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.ServiceClients;

/// <summary>
/// Calls another service with a client-credentials token: fetched from the token endpoint (form
/// post, HTTP Basic client authentication), kept by <see cref="ClientCredentialsTokens"/>, and fetched
/// anew once when the target answers 401 (the token was revoked, or the issuer's keys rotated).
/// </summary>
/// <remarks>
/// The token request takes the same way out as the calls it authorises (the handlers inside this
/// one, and the primary handler), so it is retried like them, and a test that stands in for the
/// network stands in for the token endpoint too.
/// </remarks>
public sealed class ClientCredentialsHandler(string client, ClientCredentialsTokens tokens, IOptionsMonitor<ClientCredentialsOptions> options)
    : DelegatingHandler
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Get(client);
        if (!o.IsConfigured)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            // Buffered, so that the request can be sent again with a new token.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var token = await tokens.GetAsync(client, ct => FetchAsync(o, ct), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(client, token);
        token = await tokens.GetAsync(client, ct => FetchAsync(o, ct), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<IssuedToken> FetchAsync(ClientCredentialsOptions o, CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (!string.IsNullOrWhiteSpace(o.Scope))
        {
            form["scope"] = o.Scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, o.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        var credentials = $"{Uri.EscapeDataString(o.ClientId!)}:{Uri.EscapeDataString(o.ClientSecret!)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await base.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenRequestException($"The token endpoint {o.TokenUrl} refused client '{o.ClientId}' ({(int)response.StatusCode}).");
        }

        JsonElement body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (JsonException unreadable)
        {
            throw new TokenRequestException($"The token endpoint {o.TokenUrl} answered something other than JSON.", unreadable);
        }

        var token = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("access_token", out var t)
            && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new TokenRequestException($"The token endpoint {o.TokenUrl} answered without an access_token.");
        }

        var lifetime = body.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number
            && expires.TryGetInt32(out var seconds)
            && seconds > 0 ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        return new IssuedToken(token, lifetime);
    }
}
