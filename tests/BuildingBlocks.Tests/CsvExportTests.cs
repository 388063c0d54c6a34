using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Csv;
using Xunit;

namespace BuildingBlocks.Tests;

/// <summary>
/// CSV exports hold a database connection while their clients read, so a process lets <see cref="CsvTable.ExportsAtOnce"/>
/// of them read at once; the others wait for one to end and are then written whole.
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
            return (Body: context.Response.Body, Written: Task.Run(() => Table.Export(Rows(export), code => new[] { code }).ExecuteAsync(context)));
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
}
