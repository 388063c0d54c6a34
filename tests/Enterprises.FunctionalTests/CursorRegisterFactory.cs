using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// A register of its own for the cursor tests: thirteen enterprises sharing one name, on three founding dates (ties in
/// every sort but the credit code), eight in Jinghai, with a HighTech qualification each for five of them; the first also a
/// TechSme one and four annual reports (two revenues: ties); designations of three kinds for three of them. The SQL the
/// service runs is kept in <see cref="Statements"/>.
/// </summary>
public sealed class CursorRegisterFactory : EnterprisesWithStatements, IAsyncLifetime
{
    public List<(string Code, string Region, string FoundedOn)> Enterprises { get; } = [];

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        string[] founded = ["2015-03-18", "2019-07-01", "2021-11-30"];
        for (var i = 0; i < 13; i++)
        {
            var region = i < 8 ? "120118" : "120110";
            var code = await client.CreateEnterpriseAsync(region, null, foundedOn: founded[i % 3]);
            Enterprises.Add((code, region, founded[i % 3]));
            if (i % 3 == 0)
            {
                await client.GrantAsync(code, "HighTech", "2025-06-01");
            }
        }

        var first = Enterprises[0].Code;
        await client.GrantAsync(first, "TechSme", "2025-03-01");
        for (var year = 2021; year < 2025; year++)
        {
            await (await client.PutAsJsonAsync($"/api/v1/enterprises/{first}/annual-reports/{year}", Api.Report(revenueWan: 12000m + year % 2)))
                .JsonAsync(HttpStatusCode.Created);
        }

        string[] kinds = ["Unicorn", "PotentialUnicorn", "ListingReserve"];
        for (var i = 0; i < 3; i++)
        {
            await client.DesignateAsync(Enterprises[i + 1].Code, kinds[i], i == 1 ? "2024-01-01" : "2025-01-01");
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
