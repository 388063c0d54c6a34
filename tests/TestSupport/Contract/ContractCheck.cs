using System.Net;
using System.Text.Json.Nodes;

namespace TestSupport.Contract;

/// <summary>
/// Holds every answer a functional test receives to the committed OpenAPI document, as a client team
/// would: the status must be documented for the operation, the content type among the documented
/// ones, the JSON body valid against the schema (required members present, null only where nullable,
/// no undocumented members, limits kept), and the documented headers present. A mismatch fails the
/// test that made the call, with what differs: a defect of the document (or of the API).
/// Requests that provoke answers below the API on purpose (a request line too long, a method no route
/// takes) opt out with <see cref="ContractChecking.WithoutContractCheck"/>.
/// </summary>
public sealed class ContractCheck(ContractDocument document) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> Exempt = new("contract-check-exempt");

    /// <summary>Paths that are the process's, not the API's: probes, metrics, the documents themselves.</summary>
    private static readonly string[] Infrastructure = ["/health", "/metrics", "/swagger", "/openapi"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Options.TryGetValue(Exempt, out _))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var problems = await ProblemsAsync(request, response);
        if (problems.Count > 0)
        {
            throw new ContractViolationException(
                $"{request.Method} {request.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}, which the committed OpenAPI document does not describe:\n  "
                + string.Join("\n  ", problems)
                + $"\nBody: {Truncated(await response.Content.ReadAsStringAsync(cancellationToken))}");
        }

        return response;
    }

    private async Task<List<string>> ProblemsAsync(HttpRequestMessage request, HttpResponseMessage response)
    {
        var path = request.RequestUri!.AbsolutePath;
        var status = (int)response.StatusCode;
        if (Infrastructure.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return [];
        }

        // A path no template reaches is the router's 404, and a method a path does not take its 405: the
        // answers of no operation, which tests provoke on purpose. Anything else there is undocumented.
        if (document.Find(path) is not { } found)
        {
            return status == 404 ? [] : [$"no documented path matches {path}"];
        }

        var head = request.Method == HttpMethod.Head;
        var method = head ? "get" : request.Method.Method.ToLowerInvariant();
        if (found.Item[method] is not JsonObject operation)
        {
            return status == 405 ? [] : [$"{found.Template} documents no {method.ToUpperInvariant()}"];
        }

        var responses = operation["responses"]!.AsObject();
        if ((responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"]) is not { } documented)
        {
            return [$"status {status} is not documented for {method.ToUpperInvariant()} {found.Template} (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        var problems = new List<string>();
        var described = document.Resolve(documented);
        CheckHeaders(response, described, problems);
        var body = await DecodedBodyAsync(response);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = described["content"]?.AsObject();
        if (body.Length == 0 || head || status == (int)HttpStatusCode.NoContent)
        {
            if (content is { Count: > 0 } && !head && status != (int)HttpStatusCode.NoContent)
            {
                problems.Add("the body is empty, but the document describes one");
            }

            return problems;
        }

        if (content?[mediaType ?? ""] is not JsonObject representation)
        {
            problems.Add($"content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return problems;
        }

        if (mediaType!.EndsWith("json", StringComparison.Ordinal) && representation["schema"] is { } schema)
        {
            problems.AddRange(new SchemaCheck(document).Check(JsonNode.Parse(body), schema));
        }

        return problems;
    }

    /// <summary>Documented headers marked required must be there; ETag and Location, when sent, must be documented.</summary>
    private void CheckHeaders(HttpResponseMessage response, JsonObject described, List<string> problems)
    {
        var headers = described["headers"]?.AsObject();
        foreach (var (name, header) in headers ?? [])
        {
            if (document.Resolve(header!)["required"]?.GetValue<bool>() == true && !Has(response, name))
            {
                problems.Add($"header {name} is documented as always sent, but is missing");
            }
        }

        foreach (var name in new[] { "ETag", "Location" })
        {
            if (Has(response, name) && headers?.ContainsKey(name) != true)
            {
                problems.Add($"header {name} is sent, but not documented");
            }
        }
    }

    /// <summary>Unvalidated look-ups: ETag is a response header and Content-Type a content header, and the validated ones throw on the other collection.</summary>
    private static bool Has(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);

    /// <summary>The body as text, decompressed when the test's client asked for the encoding itself (and left it encoded).</summary>
    private static async Task<string> DecodedBodyAsync(HttpResponseMessage response)
    {
        var encoding = response.Content.Headers.ContentEncoding.LastOrDefault();
        if (encoding is null)
        {
            return await response.Content.ReadAsStringAsync();
        }

        // The buffered content hands out one stream, which the test reads next: rewound, never disposed here.
        var encoded = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding switch
        {
            "gzip" => new System.IO.Compression.GZipStream(encoded, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true),
            "br" => new System.IO.Compression.BrotliStream(encoded, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new System.IO.Compression.ZLibStream(encoded, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true),
            _ => throw new ContractViolationException($"content encoding {encoding} is not one the API uses"),
        };
        using var reader = new StreamReader(decoded);
        var text = await reader.ReadToEndAsync();
        encoded.Position = 0;
        return text;
    }

    private static string Truncated(string body) => body.Length <= 2000 ? body : body[..2000] + "…";
}

/// <summary>An answer the committed OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

public static class ContractChecking
{
    /// <summary>
    /// Exempts a request from the contract check: for requests that provoke, on purpose, answers the
    /// API does not make itself (the server's or the router's), with the reason.
    /// </summary>
    public static HttpRequestMessage WithoutContractCheck(this HttpRequestMessage request, string because)
    {
        request.Options.Set(ContractCheck.Exempt, because);
        return request;
    }
}
