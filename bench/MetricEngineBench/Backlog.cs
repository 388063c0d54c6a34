using System.Diagnostics;
using Npgsql;

namespace MetricEngineBench;

/// <summary>
/// Measures how fast the Plans service applies register events when they wait for it, not how fast
/// they arrive: on two cores the burst's own requests (Enterprises or Platforms, the gateway,
/// PostgreSQL) hold the processors while they are sent, so an engine that keeps up shows only the
/// arrival rate. The Plans process is stopped (SIGSTOP) while the burst is sent and the publisher's
/// relay has put every event on the stream, then continued (SIGCONT); the rate is the events over the
/// time from the continue to the last one applied, read from the Plans inbox. The CPU time Plans and
/// PostgreSQL (the server and its backends) spent meanwhile is read from /proc, per event: a figure
/// that does not depend on what else the machine runs, as the rate does.
/// </summary>
internal sealed class Backlog(int plansPid, int postgresPid, string plansDatabase)
{
    public async Task StopPlansAsync() => await SignalAsync("STOP");

    /// <summary>
    /// Continues Plans once the publisher's relay has put every event on the stream, and waits until
    /// <paramref name="count"/> events of the publisher's type since <paramref name="since"/> are applied; returns their rate and
    /// the CPU time spent per event.
    /// </summary>
    public async Task<Drained> DrainAsync(Publisher publisher, int count, DateTimeOffset since, TimeSpan timeout)
    {
        await UntilPublishedAsync(publisher.Database, timeout);
        var (plansCpu, postgresCpu) = (ProcessCpu.Of(plansPid), ProcessCpu.OfTree(postgresPid));
        var resumed = DateTimeOffset.UtcNow;
        await SignalAsync("CONT");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (applied, last) = await AppliedAsync(publisher.EventType, since);
            if (applied >= count)
            {
                return new Drained(applied / (last - resumed).TotalSeconds,
                    (ProcessCpu.Of(plansPid) - plansCpu).TotalMicroseconds / applied, (ProcessCpu.OfTree(postgresPid) - postgresCpu).TotalMicroseconds / applied);
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Plans applied {applied:N0} of {count:N0} events within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task UntilPublishedAsync(string publisherDatabase, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(publisherDatabase);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM \"OutboxMessages\" WHERE \"PublishedAt\" IS NULL", connection);
        while ((long)(await query.ExecuteScalarAsync())! > 0)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The publisher's relay did not publish the burst within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task<(long Applied, DateTimeOffset Last)> AppliedAsync(string eventType, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(plansDatabase);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*), max(\"AppliedAt\") FROM \"InboxMessages\" WHERE \"Type\" = @type AND \"AppliedAt\" >= @since", connection);
        query.Parameters.AddWithValue("type", eventType);
        query.Parameters.AddWithValue("since", since);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? since : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", plansPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {plansPid} failed.");
        }
    }
}

/// <summary>
/// A drained backlog: events applied per second, and the CPU time per event of Plans and of PostgreSQL (µs; measured until
/// the last was seen applied, so a poll's lag adds a little idle time, no CPU).
/// </summary>
internal sealed record Drained(double Rate, double PlansCpuMicros, double PostgresCpuMicros)
{
    public override string ToString() =>
        $"{Rate:N0} events/s, CPU per event: Plans {PlansCpuMicros:N0} µs, PostgreSQL {PostgresCpuMicros:N0} µs";
}

/// <summary>A service whose events Plans applies: its database (where its outbox is) and the type of event a burst sends.</summary>
internal sealed record Publisher(string Database, string EventType);
