namespace BuildingBlocks.Tests;

/// <summary>
/// A test class that runs the test service on a database of its own (<see cref="PeopleDatabase"/>): started before each
/// test as <see cref="StartAsync"/> starts it, stopped and its database removed after.
/// </summary>
public abstract class PeopleServiceTests(bool sqlite = false) : IAsyncLifetime
{
    protected PeopleDatabase Database { get; } = new(sqlite);

    protected PeopleHost Host { get; set; } = null!;

    public virtual async Task InitializeAsync() => Host = await StartAsync();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Database.Dispose();
    }

    /// <summary>The service as this class runs it; by default as <see cref="PeopleHost.StartAsync"/> starts it on <see cref="Database"/>.</summary>
    protected virtual Task<PeopleHost> StartAsync() => PeopleHost.StartAsync(Database);
}
