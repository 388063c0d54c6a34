using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Timeout;
using ServiceDefaults.ServiceClients;
using SharedKernel.Errors;

namespace Plans.Api.RegisterMetrics.Reconciliation;

/// <summary>A register could not be read: unreachable, refusing us, or answering something unreadable.</summary>
public sealed class RegisterUnavailableException(string title, string detail, Exception? inner = null)
    : UnavailableException(ProblemCode, $"The {title} is unavailable", detail, inner)
{
    public const string ProblemCode = "registerUnavailable";
}

/// <summary>
/// Reads a register's lists from its owner's API, page by page (<c>{ items, page, pageSize, totalCount }</c>),
/// as the client configured under <c>Registers:{Register}</c>. The HTTP client calls with a client-credentials
/// token and retries failed attempts (see <see cref="ServiceClientExtensions.AddClientCredentials"/>); one
/// client, and one cached token, per register.
/// </summary>
public sealed class RegisterApiClient(IRegisterSource source, HttpClient http, RegisterOptions options)
{
    private const int PageSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The name of the register's HTTP client.</summary>
    public static string HttpClientName(string register) => $"register:{register}";

    public bool IsConfigured => options.IsConfigured;

    /// <summary>
    /// Every item of the list at <paramref name="path"/> (<c>api/v1/qualifications</c>), by id. Each item is
    /// checked by <paramref name="problemOf"/>, which names what is wrong with it (null when nothing is): a
    /// register answering what its copy cannot hold is a 503 naming the item, never a half-read copy.
    /// </summary>
    /// <param name="noun">What the list holds, in the singular, for messages: <c>qualification</c>.</param>
    public async Task<IReadOnlyList<T>> ReadAllAsync<T, TId>(string path, string noun, Func<T, TId> idOf, Func<T?, string?> problemOf,
        CancellationToken ct) where T : class where TId : notnull
    {
        var baseUrl = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
        var items = new Dictionary<TId, T>();
        try
        {
            for (var page = 1; ; page++)
            {
                var query = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var body = await GetPageAsync<T>(baseUrl, new Uri(baseUrl, $"{path}{query}page={page}&pageSize={PageSize}"), ct);
                var before = items.Count;
                foreach (var item in body.Items ?? [])
                {
                    if (problemOf(item) is { } problem)
                    {
                        throw Unavailable($"The register lists {problem} (page {page}).");
                    }

                    items[idOf(item!)] = item!;
                }

                if (body.Items is null or { Count: 0 } || (long)page * PageSize >= body.TotalCount)
                {
                    return items.Values.ToList();
                }

                if (items.Count == before)
                {
                    // A register that answers every page with what it already listed would be read forever.
                    throw Unavailable(
                        $"The API at {baseUrl} answered page {page} of /{path} with no {noun} it had not listed already, " +
                        $"while reporting {body.TotalCount} in all; the list cannot be read to its end.");
                }
            }
        }
        catch (TokenRequestException e)
        {
            throw Unavailable(e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw Unavailable($"The API at {baseUrl} cannot be reached: {e.Message}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw Unavailable($"The API at {baseUrl} did not answer in time.", e);
        }
        catch (ExecutionRejectedException e)
        {
            throw Unavailable($"The API at {baseUrl} is not being called for now after repeated failures: {e.Message}", e);
        }
        catch (JsonException e)
        {
            // The serializer's own message names our internal types; the path says where the answer went wrong.
            throw Unavailable($"The API at {baseUrl} answered with an unreadable {noun} list (at {e.Path ?? "$"}).", e);
        }
        catch (NotSupportedException e)
        {
            throw Unavailable($"The API at {baseUrl} answered with an unreadable {noun} list.", e);
        }
    }

    /// <summary>A 503 naming the register.</summary>
    public RegisterUnavailableException Unavailable(string detail, Exception? inner = null) => new(source.Title, detail, inner);

    private async Task<ListPage<T>> GetPageAsync<T>(Uri baseUrl, Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable($"The API at {baseUrl} answered {(int)response.StatusCode} to {url.PathAndQuery}.");
        }

        return await response.Content.ReadFromJsonAsync<ListPage<T>>(Json, ct) ?? throw new JsonException("The page is null.");
    }

    private sealed record ListPage<T>(List<T?>? Items, int Page, int PageSize, long TotalCount);
}
