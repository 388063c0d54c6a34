using System.Net;
using System.Text.Json.Nodes;

namespace Talent.FunctionalTests;

/// <summary>
/// A validator that takes only the clock is built once for the process (ServiceDefaults), so it reads the current year
/// as each value is checked: a birth year after it is refused, and taken once that year has come. Its own fixture: the
/// test moves the clock on.
/// </summary>
public sealed class BirthYearTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private readonly HttpClient clerk = factory.CreateClient();

    [Fact]
    public async Task A_birth_year_after_the_current_one_is_refused_until_that_year_has_come()
    {
        var nextYear = factory.Clock.GetUtcNow().Year + 1;

        var problem = await (await clerk.PostJsonAsync("/api/v1/talents", Born(nextYear)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        problem.ErrorsFor("birthYear").Should().ContainSingle().Which.Should().Be("'birthYear' must be a year from 1900 to the current one.");

        factory.Clock.Advance(TimeSpan.FromDays(366));

        var created = await (await clerk.PostJsonAsync("/api/v1/talents", Born(nextYear))).JsonAsync(HttpStatusCode.Created);
        created["birthYear"]!.GetValue<int>().Should().Be(nextYear);
    }

    /// <summary>A person registered by passport (whose number says nothing of the birth year), born in <paramref name="year"/>.</summary>
    private static JsonObject Born(int year)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Api.Person(Suite.Passport(), documentType: "passport", nationality: "GB", name: "John Smith")))!.AsObject();
        body["birthYear"] = year;
        return body;
    }
}
