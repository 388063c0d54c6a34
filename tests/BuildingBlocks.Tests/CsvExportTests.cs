using System.Runtime.CompilerServices;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Csv;
using Xunit;

namespace BuildingBlocks.Tests;

/// <summary>
/// CSV exports hold a database connection while their clients read, so a process lets <see cref="CsvTable.ExportsAtOnce"/>
/// of them read at once; the others wait for one to end and are then written whole. An export whose client has left
/// stops, waiting or reading.
/// </summary>
public sealed class CsvExportTests
{
    private static readonly CsvTable Table = new(["code"], ["code"], "rows.csv");

    [Fact]
    public async Task Exports_beyond_those_allowed_at_once_wait_to_read_until_one_ends()
    {
        var reading = 0;
        var mostReading = 0;
        var started = new SemaphoreSlim(0);
        var clientsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<string> Rows(int export)
        {
            var now = Interlocked.Increment(ref reading);
            lock (started)
            {
                mostReading = Math.Max(mostReading, now);
            }

            started.Release();
            await clientsRead.Task;
            yield return $"E{export}";
            Interlocked.Decrement(ref reading);
        }

        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var exports = Enumerable.Range(0, CsvTable.ExportsAtOnce + 2).Select(export =>
        {
            var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
            return (Body: context.Response.Body, Written: Task.Run(() => Table.Export(Rows(export), code => new[] { code }, context.RequestAborted).ExecuteAsync(context)));
        }).ToList();

        for (var i = 0; i < CsvTable.ExportsAtOnce; i++)
        {
            (await started.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("exports up to the bound read at once");
        }

        (await started.WaitAsync(TimeSpan.FromMilliseconds(500))).Should().BeFalse("the exports past the bound wait while the others' clients read");
        clientsRead.SetResult();
        await Task.WhenAll(exports.Select(e => e.Written)).WaitAsync(TimeSpan.FromSeconds(10));

        mostReading.Should().Be(CsvTable.ExportsAtOnce);
        reading.Should().Be(0);
        for (var export = 0; export < exports.Count; export++)
        {
            Encoding.UTF8.GetString(((MemoryStream)exports[export].Body).ToArray()).Should().Contain("code").And.Contain($"E{export}");
        }
    }

    [Fact]
    public async Task An_export_whose_client_left_stops_waiting_and_stops_reading()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new SemaphoreSlim(0);

        async IAsyncEnumerable<string> Held()
        {
            held.Release();
            await holding.Task;
            yield return "held";
        }

        var readers = Enumerable.Range(0, CsvTable.ExportsAtOnce).Select(_ => Task.Run(() => Table.Export(Held(), code => new[] { code },
            CancellationToken.None).ExecuteAsync(new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } }))).ToList();
        for (var i = 0; i < CsvTable.ExportsAtOnce; i++)
        {
            (await held.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        }

        var waitingRead = false;
        async IAsyncEnumerable<string> Waiting()
        {
            waitingRead = true;
            await Task.Yield();
            yield return "waiting";
        }

        using var waiterLeft = new CancellationTokenSource();
        var waiter = Table.Export(Waiting(), code => new[] { code }, waiterLeft.Token)
            .ExecuteAsync(new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } });
        waiterLeft.CancelAfter(TimeSpan.FromMilliseconds(200));
        await FluentActions.Awaiting(() => waiter.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>(
            "a client that leaves while its export waits for the others ends it");
        waitingRead.Should().BeFalse("the export that waited read nothing");

        holding.SetResult();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10));

        var rowsRead = 0;
        using var readerLeft = new CancellationTokenSource();
        async IAsyncEnumerable<string> Endless([EnumeratorCancellation] CancellationToken stop = default)
        {
            while (true)
            {
                // As a database reader does, the enumeration ends in OperationCanceledException once its token is cancelled.
                stop.ThrowIfCancellationRequested();
                if (Interlocked.Increment(ref rowsRead) == 1000)
                {
                    await readerLeft.CancelAsync();
                }

                await Task.Yield();
                yield return "row";
            }
        }

        var reading = Table.Export(Endless(), code => new[] { code }, readerLeft.Token)
            .ExecuteAsync(new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } });
        await FluentActions.Awaiting(() => reading.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>(
            "a client that leaves while its export reads ends the reading");
        rowsRead.Should().BeLessThan(1100, "the rows stop being read once the client has left");
    }
}
