using System.Net;
using System.Text;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The batches give back the memory they grew into: a blocking, compacting collection of every generation follows each
/// answer. The class runs alone, so no other class's import or rebuild can be the collection it sees.
/// </summary>
[Collection(BatchMemoryCollection.Name)]
public class BatchMemoryTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Once_an_import_is_answered_a_full_compacting_collection_gives_back_what_it_freed()
    {
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        var csv = new StringBuilder("creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(CreditCodes.New("120118")).Append(",天津静海批量导入企业有限公司,,120118,,新材料,2016-04-01\n");
        }

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv.ToString(), "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(300);
        await CompactingCollectionFollowsAsync(before, "the import's answer was followed by a blocking collection of every generation");
    }

    [Fact]
    public async Task Once_a_rebuild_of_the_pool_is_answered_a_full_compacting_collection_gives_back_what_it_freed()
    {
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        var asked = await (await client.PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).JsonAsync(HttpStatusCode.OK);

        asked["rebuilt"]!.GetValue<bool>().Should().BeTrue();
        await CompactingCollectionFollowsAsync(before, "the memory a build grew into is given back once it is answered");
    }

    [Fact]
    public async Task A_read_is_not_followed_by_one()
    {
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        await (await client.GetAsync("/api/v1/enterprises?pageSize=10")).JsonAsync(HttpStatusCode.OK);

        (await FullBlockingCollectionAfterAsync(before, TimeSpan.FromSeconds(1))).Index.Should().Be(before, "only the batches pay for a full collection");
    }

    /// <summary>A blocking collection of every generation, compacting, comes after the one numbered <paramref name="index"/>, within 10 s.</summary>
    private static async Task CompactingCollectionFollowsAsync(long index, string because)
    {
        var collected = await FullBlockingCollectionAfterAsync(index, TimeSpan.FromSeconds(10));
        collected.Index.Should().BeGreaterThan(index, because);
        collected.Compacted.Should().BeTrue();
    }

    /// <summary>The last blocking collection of every generation, waiting up to <paramref name="wait"/> for one after <paramref name="index"/> (it runs once the answer is sent).</summary>
    private static async Task<GCMemoryInfo> FullBlockingCollectionAfterAsync(long index, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (GC.GetGCMemoryInfo(GCKind.FullBlocking).Index <= index && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return GC.GetGCMemoryInfo(GCKind.FullBlocking);
    }
}

/// <summary>A collection that runs alone: its tests count the process's full collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchMemoryCollection
{
    public const string Name = "batch memory";
}
