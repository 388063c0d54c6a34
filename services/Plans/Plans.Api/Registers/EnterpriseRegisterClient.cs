using SharedKernel.Errors;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using ServiceDefaults.ServiceClients;
using SharedKernel.Regions;

namespace Plans.Api.Registers;

/// <summary>A qualification as the Enterprises API lists it.</summary>
public sealed record RegisterQualification(
    long Id,
    string CreditCode,
    string RegionCode,
    string? ZoneCode,
    string Type,
    string? CertificateNumber,
    DateOnly GrantedOn,
    DateOnly ExpiresOn,
    string Status,
    DateOnly? RevokedOn,
    string? RevocationReason,
    DateOnly? ExpiredOn);

/// <summary>The register could not be read: unreachable, refusing us, or answering something unreadable.</summary>
public sealed class RegisterUnavailableException(string detail, Exception? inner = null)
    : UnavailableException(ProblemCode, "The enterprise register is unavailable", detail, inner)
{
    public const string ProblemCode = "registerUnavailable";
}

/// <summary>Reads the whole qualification list of the Enterprises API, page by page.</summary>
/// <remarks>The HTTP client calls with a client-credentials token and retries failed attempts (see <see cref="ServiceClientExtensions.AddClientCredentials"/>).</remarks>
public sealed class EnterpriseRegisterClient(HttpClient http, IOptions<EnterpriseRegisterOptions> options)
{
    private const int PageSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<RegisterQualification>> GetQualificationsAsync(CancellationToken ct)
    {
        var baseUrl = new Uri(options.Value.BaseUrl!.TrimEnd('/') + "/");
        var items = new Dictionary<long, RegisterQualification>();
        try
        {
            for (var page = 1; ; page++)
            {
                var body = await GetPageAsync(new Uri(baseUrl, $"api/v1/qualifications?page={page}&pageSize={PageSize}"), ct);
                var before = items.Count;
                foreach (RegisterQualification? item in body.Items ?? [])
                {
                    var qualification = Checked(item, page);
                    items[qualification.Id] = qualification;
                }

                if (body.Items is null or { Count: 0 } || (long)page * PageSize >= body.TotalCount)
                {
                    return items.Values.ToList();
                }

                if (items.Count == before)
                {
                    // A register that answers every page with what it already listed would be read forever.
                    throw new RegisterUnavailableException(
                        $"The Enterprises API at {baseUrl} answered page {page} with no qualification it had not listed already, " +
                        $"while reporting {body.TotalCount} in all; the list cannot be read to its end.");
                }
            }
        }
        catch (TokenRequestException e)
        {
            throw new RegisterUnavailableException(e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new RegisterUnavailableException($"The Enterprises API at {baseUrl} cannot be reached: {e.Message}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new RegisterUnavailableException($"The Enterprises API at {baseUrl} did not answer in time.", e);
        }
        catch (ExecutionRejectedException e)
        {
            throw new RegisterUnavailableException($"The Enterprises API at {baseUrl} is not being called for now after repeated failures: {e.Message}", e);
        }
        catch (JsonException e)
        {
            // The serializer's own message names our internal types; the path says where the answer went wrong.
            throw new RegisterUnavailableException(
                $"The Enterprises API at {baseUrl} answered with an unreadable qualification list (at {e.Path ?? "$"}).", e);
        }
        catch (NotSupportedException e)
        {
            throw new RegisterUnavailableException($"The Enterprises API at {baseUrl} answered with an unreadable qualification list.", e);
        }
    }

    /// <summary>
    /// A listed qualification the local copy can hold, or a 503 naming what is wrong with it: the copy's
    /// columns are bounded and required, and a region outside the region tree would never be counted.
    /// </summary>
    private static RegisterQualification Checked(RegisterQualification? item, int page)
    {
        string? problem = item switch
        {
            null => "an empty entry",
            { CreditCode: null or { Length: 0 or > 18 } } => $"qualification {item.Id} with a credit code that is not 1 to 18 characters",
            { Type: null or { Length: 0 or > 30 } } => $"qualification {item.Id} with a type that is not 1 to 30 characters",
            _ when RegionCodes.Find(item.RegionCode) is null => $"qualification {item.Id} in an unknown region '{item.RegionCode}'",
            { ZoneCode: { } zone } when RegionCodes.Find(zone) is null => $"qualification {item.Id} in an unknown zone '{zone}'",
            _ => null,
        };
        return problem is null ? item! : throw new RegisterUnavailableException($"The register lists {problem} (page {page}).");
    }

    private async Task<QualificationPage> GetPageAsync(Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegisterUnavailableException($"The Enterprises API answered {(int)response.StatusCode} to {url.PathAndQuery}.");
        }

        return await response.Content.ReadFromJsonAsync<QualificationPage>(Json, ct)
            ?? throw new JsonException("The page is null.");
    }

    private sealed record QualificationPage(List<RegisterQualification?>? Items, int Page, int PageSize, long TotalCount);
}
