using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace Observability.Tests;

/// <summary>
/// One trace from the caller to the plan it moves: the gateway request, the Enterprises service that
/// grants, the event on the stream, and the Plans handler that applies it all carry the caller's trace id.
/// </summary>
public sealed class TracePropagationTests(TracedSystem system) : IClassFixture<TracedSystem>
{
    [Fact]
    public async Task A_grant_through_the_gateway_is_one_trace_from_the_request_to_the_Plans_handler()
    {
        using var client = new HttpClient { BaseAddress = new Uri(system.Gateway) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client));
        var creditCode = CreditCodes.New("120118");
        await HttpApi.JsonAsync(await client.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode, name = "天津追踪测试科技有限公司", regionCode = "120118", industry = "新材料", foundedOn = "2015-06-01",
        }), HttpStatusCode.Created);

        // The caller's own span: this process's HttpClient sends its trace context on the request.
        var trace = ActivityTraceId.CreateRandom();
        using (new Activity("caller").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            await HttpApi.JsonAsync(await client.PostAsJsonAsync($"/api/v1/enterprises/{creditCode}/qualifications",
                new { type = "HighTech", certificateNumber = "GR202612009999", grantedOn = "2026-11-20" }), HttpStatusCode.Created);
        }

        await Eventually.HoldsAsync(() => SpansOf(trace).Any(s => s.DisplayName == "QualificationGranted process"),
            "the Plans handler's span joins the caller's trace");
        var spans = SpansOf(trace);
        spans.Should().Contain(s => IsServerOn(s, system.GatewayPort), "the gateway received the request in the caller's trace");
        var granted = spans.Single(s => IsServerOn(s, system.EnterprisesPort));
        var handled = spans.Single(s => s.DisplayName == "QualificationGranted process");
        handled.Kind.Should().Be(ActivityKind.Consumer);
        Ancestry(handled, spans).Should().Contain(granted.SpanId, "the event carried the context of the request that granted it");
        spans.Should().Contain(s => s.ParentSpanId == handled.SpanId, "the handler's own work (its database calls) is part of the trace");
    }

    private static bool IsServerOn(Activity span, int port) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("server.port") is int answered && answered == port;

    /// <summary>The span ids above a span, up to the trace's root.</summary>
    private static List<ActivitySpanId> Ancestry(Activity span, List<Activity> spans)
    {
        var bySpan = spans.ToDictionary(s => s.SpanId);
        var above = new List<ActivitySpanId>();
        for (var parent = span.ParentSpanId; bySpan.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            above.Add(parent);
        }

        return above;
    }

    private List<Activity> SpansOf(ActivityTraceId trace) =>
        system.Spans.Snapshot().Where(s => s.TraceId == trace).DistinctBy(s => s.SpanId).ToList();

    private async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", system.ClientId),
            KeyValuePair.Create("client_secret", system.ClientSecret),
        ]));
        var body = await HttpApi.JsonAsync(response, HttpStatusCode.OK);
        return body["access_token"]!.GetValue<string>();
    }
}
