using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.Paging;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// A value bound by <see cref="Literals.Bind{T, TValue}"/> is written into the statement, not sent as a parameter, on either
/// database, and the query still finds what it names; a captured value stays a parameter.
/// </summary>
public sealed class LiteralsTests : IAsyncLifetime
{
    private readonly PeopleDatabase database = new();
    private PeopleHost host = null!;

    public async Task InitializeAsync() => host = await PeopleHost.StartAsync(database);

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_bound_value_is_a_literal_of_the_statement_and_a_captured_one_a_parameter()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeopleDbContext>();
        db.People.Add(new Person("张三", IdNumber, Phone, DateTimeOffset.UtcNow));
        db.People.Add(new Person("O'Brien", OtherIdNumber, Phone, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        var name = "O'Brien";

        var bound = db.People.Where(Literals.Bind((Person p, string n) => p.Name == n, name));
        var captured = db.People.Where(p => p.Name == name);

        bound.ToQueryString().Should().Contain("'O''Brien'", "the quote is escaped in the literal").And.NotMatchRegex(@"[@$]\w*name");
        captured.ToQueryString().Should().MatchRegex(@"[@$]\w*name");
        (await bound.Select(p => p.Name).ToListAsync()).Should().Equal("O'Brien");
        (await captured.Select(p => p.Name).ToListAsync()).Should().Equal("O'Brien");
    }
}
