using System.Collections.Concurrent;
using Enterprises.Contracts;
using EventBus;
using EventBus.Redis.Inbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Talent.FunctionalTests;

/// <summary>The Talent service, keeping the text of every statement it runs.</summary>
public sealed class TalentWithStatements : TalentApiFactory
{
    private readonly StatementLog statements = new();

    /// <summary>The text of every statement the service has run.</summary>
    public ConcurrentQueue<string> Statements => statements.Texts;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(statements));
    }
}

/// <summary>The register's events reach the directory in batches (an import brings them by the thousand).</summary>
public class EnterpriseDirectoryBatchTests(TalentWithStatements factory) : IClassFixture<TalentWithStatements>
{
    private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TalentApiFactory.RedisServer));

    [Fact]
    public async Task A_batch_of_the_registers_events_is_read_ahead_in_one_query_and_applied_in_order()
    {
        var known = await factory.KnownEnterpriseAsync("120110");
        var knownAt = (await factory.WithDbAsync(db => db.KnownEnterprises.SingleAsync(e => e.CreditCode == known))).LastEventAt;
        var codes = Enumerable.Range(0, 20).Select(_ => CreditCodes.New("120118")).ToList();
        var now = DateTimeOffset.UtcNow;
        List<IntegrationEvent> events =
        [
            .. codes.Select(code => new EnterpriseRegistered(code, $"静海科技{code[^4..]}有限公司", "120118", null, "新材料", new DateOnly(2016, 3, 1))
                { OccurredAt = now }),
            // The first enterprise renamed and moved in the same batch, then news older than the rename, which is ignored.
            new EnterpriseUpdated(codes[0], "天津静海更名科技有限公司", "120116", "120116801", "新材料", new DateOnly(2016, 3, 1))
                { OccurredAt = now.AddSeconds(1) },
            new EnterpriseUpdated(codes[0], "旧消息科技有限公司", "120118", null, "新材料", new DateOnly(2016, 3, 1)) { OccurredAt = now.AddSeconds(-1) },
            // An enterprise the directory knew before the batch, renamed.
            new EnterpriseUpdated(known, "天津市海河更名科技有限公司", "120110", null, "新材料", new DateOnly(2016, 3, 1))
                { OccurredAt = knownAt.AddSeconds(1) },
        ];
        var ids = events.Select(e => e.Id).ToList();
        var readsBefore = DirectoryReads();

        await PublishAsOneBatchAsync(events);

        // Waited for in the inbox, so that the statements counted are the consumer's, none of this test's.
        await Eventually.ValueAsync(() => factory.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.EventId))),
            count => count == ids.Count, "the directory applies the batch");
        // Twenty-three events of twenty-one enterprises, one read of the directory: the batch's read ahead.
        (DirectoryReads() - readsBefore).Should().Be(1);
        var rows = await factory.WithDbAsync(db => db.KnownEnterprises.Where(e => codes.Contains(e.CreditCode) || e.CreditCode == known)
            .ToDictionaryAsync(e => e.CreditCode));
        rows[codes[0]].Should().BeEquivalentTo(new { Name = "天津静海更名科技有限公司", RegionCode = "120116", ZoneCode = "120116801" });
        rows[codes[0]].LastEventAt.Should().BeCloseTo(now.AddSeconds(1), TimeSpan.FromMilliseconds(500));
        rows[codes[1]].Should().BeEquivalentTo(new { Name = $"静海科技{codes[1][^4..]}有限公司", RegionCode = "120118", ZoneCode = (string?)null });
        rows[known].Name.Should().Be("天津市海河更名科技有限公司");
    }

    /// <summary>Queries of the directory's table run so far (its writes answer rows too, on SQLite: they are not counted).</summary>
    private int DirectoryReads() => factory.Statements.Count(s => s.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
        && s.Contains("\"KnownEnterprises\"", StringComparison.Ordinal));

    /// <summary>Appends the events to the register's stream in one transaction, so that the consumer reads them in one batch.</summary>
    private async Task PublishAsOneBatchAsync(IEnumerable<IntegrationEvent> events)
    {
        var transaction = Redis.Value.GetDatabase().CreateTransaction();
        var appended = events.Select(e => EventEnvelope.Wrap(e, "enterprises")).Select(envelope => transaction.StreamAddAsync(
            factory.StreamPrefix + "enterprises",
            [
                new("id", envelope.Id.ToString()), new("type", envelope.Type), new("occurredAt", envelope.OccurredAt.ToString("O")),
                new("source", "enterprises"), new("schemaVersion", "1"), new("payload", envelope.Payload),
            ])).ToList();
        (await transaction.ExecuteAsync()).Should().BeTrue();
        await Task.WhenAll(appended);
    }
}
