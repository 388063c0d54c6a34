using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Persistence;
using ServiceDefaults.Paging;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// A query of a list is built and compiled once for each shape (CompiledQueries), and each run reads its own values as
/// parameters: what the builder is called for shows when it compiled. A value the builder holds itself, which the
/// compiled query would keep for every run, is refused; subqueries and conditions kept in variables are read as EF Core
/// reads them. On both databases. A shape is compiled for each model (CompiledQueries), and the services of the test
/// process share EF Core's model cache, which may build a model again: what is built is counted for each model.
/// </summary>
public sealed class CompiledQueriesTests : PeopleServiceTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.WithDbAsync(db =>
        {
            db.People.AddRange(new Person("Ann", IdNumber, Phone, DateTimeOffset.UtcNow), new Person("Bob", OtherIdNumber, null, DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_shape_is_built_once_and_each_run_reads_its_own_values()
    {
        var built = new List<(bool Descending, IModel Model)>();
        var queries = new CompiledQueries<PeopleDbContext, bool, string>((db, descending, values) =>
        {
            built.Add((descending, db.Model));
            var named = db.People.Where(values.Bind((Person p, string name) => p.Name != name, "not"));
            return (descending ? named.OrderByDescending(p => p.Name) : named.OrderBy(p => p.Name)).Select(p => p.Name);
        });

        (await RunAsync(queries, false, ("not", "Ann"))).Should().Equal("Bob");
        (await RunAsync(queries, false, ("not", "Bob"))).Should().Equal("Ann");
        (await RunAsync(queries, false, ("not", "Cid"))).Should().Equal("Ann", "Bob");
        (await RunAsync(queries, true, ("not", "Cid"))).Should().Equal("Bob", "Ann");
        (await RunAsync(queries, true, ("not", "Bob"))).Should().Equal("Ann");

        // EF Core's model cache, which the test process's services share, may build the model again between two runs.
        built.Should().OnlyHaveUniqueItems("each shape is built once for a model, its values parameters of the query compiled from it")
            .And.Contain(b => !b.Descending).And.Contain(b => b.Descending);
    }

    [Fact]
    public async Task A_value_the_builder_holds_itself_is_refused_rather_than_kept_for_every_run()
    {
        var name = "Ann";
        var queries = new CompiledQueries<PeopleDbContext, int, string>((db, _, _) => db.People.Where(p => p.Name == name).Select(p => p.Name));

        var run = () => RunAsync(queries, 1);

        (await run.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*holds*name*read it through QueryParameters*");
    }

    [Fact]
    public async Task A_subquery_and_a_condition_kept_in_variables_are_part_of_the_query_with_their_values_as_parameters()
    {
        var queries = new CompiledQueries<PeopleDbContext, int, string>((db, _, values) =>
        {
            var others = db.People.Where(values.Bind((Person p, string name) => p.Name == name, "other")).Select(p => p.Id);
            var named = values.Bind((Person p, string name) => p.Name != name, "not");
            return db.People.Where(p => !others.Contains(p.Id)).Where(named).OrderBy(p => p.Name).Select(p => p.Name);
        });

        (await RunAsync(queries, 1, ("other", "Ann"), ("not", "Cid"))).Should().Equal("Bob");
        (await RunAsync(queries, 1, ("other", "Cid"), ("not", "Bob"))).Should().Equal("Ann");
        (await RunAsync(queries, 1, ("other", "Ann"), ("not", "Bob"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_shape_of_more_values_than_EF_Core_compiles_runs_as_an_ordinary_query_with_each_run_s_values()
    {
        var built = new List<IModel>();
        var names = Enumerable.Range(0, 16).Select(i => "name" + i).ToList();
        var queries = new CompiledQueries<PeopleDbContext, int, string>((db, _, values) =>
        {
            built.Add(db.Model);
            return names.Aggregate(db.People.AsQueryable(), (query, name) => query.Where(values.Bind((Person p, string not) => p.Name != not, name)))
                .OrderBy(p => p.Name).Select(p => p.Name);
        });

        (await RunAsync(queries, 1, [.. names.Select((n, i) => (n, i == 3 ? "Ann" : "Cid"))])).Should().Equal("Bob");
        (await RunAsync(queries, 1, [.. names.Select((n, i) => (n, i == 9 ? "Bob" : "Cid"))])).Should().Equal("Ann");

        built.Should().HaveCount(2 + built.Distinct().Count(), "built to be compiled once for a model, then for each run as an ordinary query");
    }

    [Fact]
    public async Task A_shape_s_count_is_built_once_apart_from_its_items_and_each_count_reads_its_own_values()
    {
        var built = new List<(int Shape, IModel Model)>();
        var queries = new CompiledQueries<PeopleDbContext, int, Person>((db, shape, values) =>
        {
            built.Add((shape, db.Model));
            var others = db.People.Where(values.Bind((Person p, string name) => p.Name != name, "not"));
            return shape == 1 ? others : others.Where(p => p.Phone != null);
        });

        (await CountAsync(queries, 1, ("not", "Ann"))).Should().Be(1);
        (await CountAsync(queries, 1, ("not", "Cid"))).Should().Be(2);
        (await CountAsync(queries, 2, ("not", "Cid"))).Should().Be(1, "only Ann has a phone");
        (await CountAsync(queries, 2, ("not", "Ann"))).Should().Be(0);

        built.Should().OnlyHaveUniqueItems("each shape's count is built once for a model, its values parameters of the count compiled from it")
            .And.Contain(b => b.Shape == 1).And.Contain(b => b.Shape == 2);
        var cancelled = () => CountAsync(queries, 1, new CancellationToken(canceled: true), ("not", "Ann"));
        await cancelled.Should().ThrowAsync<OperationCanceledException>("a compiled count takes the request's cancellation");
    }

    [Fact]
    public async Task A_count_of_more_values_than_EF_Core_compiles_is_an_ordinary_count_with_each_run_s_values()
    {
        var names = Enumerable.Range(0, 16).Select(i => "name" + i).ToList();
        var queries = new CompiledQueries<PeopleDbContext, int, Person>((db, _, values) =>
            names.Aggregate(db.People.AsQueryable(), (query, name) => query.Where(values.Bind((Person p, string not) => p.Name != not, name))));

        (await CountAsync(queries, 1, [.. names.Select((n, i) => (n, i == 3 ? "Ann" : "Cid"))])).Should().Be(1);
        (await CountAsync(queries, 1, [.. names.Select(n => (n, (object?)"Cid"))])).Should().Be(2);
        var cancelled = () => CountAsync(queries, 1, new CancellationToken(canceled: true), [.. names.Select(n => (n, (object?)"Cid"))]);
        await cancelled.Should().ThrowAsync<OperationCanceledException>("an ordinary count takes the request's cancellation too");
    }

    [Fact]
    public async Task A_condition_on_several_values_reads_each_by_its_name_in_order_compiled_or_not()
    {
        var queries = new CompiledQueries<PeopleDbContext, int, string>((db, _, values) => db.People
            .Where(values.Bind<Person>((Person p, string first, string last) => string.Compare(p.Name, first) >= 0 && string.Compare(p.Name, last) <= 0,
                "first", "last"))
            .OrderBy(p => p.Name).Select(p => p.Name));

        (await RunAsync(queries, 1, ("first", "A"), ("last", "B"))).Should().Equal("Ann");
        (await RunAsync(queries, 1, ("first", "B"), ("last", "C"))).Should().Equal("Bob");
        (await RunAsync(queries, 1, ("first", "A"), ("last", "C"))).Should().Equal("Ann", "Bob");
        (await Host.WithDbAsync(db => queries.Query(db, 1, new Dictionary<string, object?> { ["first"] = "B", ["last"] = "C" }).ToListAsync()))
            .Should().Equal("Bob");
    }

    [Fact]
    public void A_condition_on_several_values_needs_a_name_for_each_of_them()
    {
        var values = QueryParameters.Holding(new Dictionary<string, object?> { ["first"] = "A", ["last"] = "B" });
        System.Linq.Expressions.Expression<Func<Person, string, string, bool>> between = (p, first, last) => p.Name == first || p.Name == last;

        var oneName = () => values.Bind<Person>(between, "first");
        var otherRow = () => values.Bind<string>(between, "first", "last");

        oneName.Should().Throw<ArgumentException>().WithMessage("*Person and 1 values*");
        otherRow.Should().Throw<ArgumentException>().WithMessage("*String and 2 values*");
        values.Bind<Person>(between, "first", "last").Compile()(new Person("B", IdNumber, null, DateTimeOffset.UtcNow)).Should().BeTrue();
    }

    private Task<int> CountAsync<TShape>(CompiledQueries<PeopleDbContext, TShape, Person> queries, TShape shape,
        params (string Name, object? Value)[] values) where TShape : notnull => CountAsync(queries, shape, CancellationToken.None, values);

    private Task<int> CountAsync<TShape>(CompiledQueries<PeopleDbContext, TShape, Person> queries, TShape shape, CancellationToken cancellationToken,
        params (string Name, object? Value)[] values) where TShape : notnull =>
        Host.WithDbAsync(db => queries.CountAsync(db, shape, values.ToDictionary(v => v.Name, v => v.Value), cancellationToken));

    private Task<List<string>> RunAsync<TShape>(CompiledQueries<PeopleDbContext, TShape, string> queries, TShape shape,
        params (string Name, object? Value)[] values) where TShape : notnull =>
        Host.WithDbAsync(async db =>
        {
            var read = new List<string>();
            await foreach (var name in queries.Run(db, shape, values.ToDictionary(v => v.Name, v => v.Value)))
            {
                read.Add(name);
            }

            return read;
        });
}
