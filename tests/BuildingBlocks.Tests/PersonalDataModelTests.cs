using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Persistence;
using Persistence.PersonalData;
using SharedKernel.PersonalData;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>How the EF model honours the marker, and what it refuses.</summary>
public class PersonalDataModelTests
{
    [Fact]
    public async Task Two_hosts_in_one_process_each_encrypt_with_their_own_key_ring()
    {
        using var firstDatabase = new PeopleDatabase();
        using var secondDatabase = new PeopleDatabase();
        await using var first = await PeopleHost.StartAsync(firstDatabase);
        await using var second = await PeopleHost.StartAsync(secondDatabase);

        foreach (var (host, database) in new[] { (first, firstDatabase), (second, secondDatabase) })
        {
            var officer = host.ClientWith(PeopleHost.Officer);
            var id = (await (await officer.PostJsonAsync("/api/v1/people", new { name = "张三", idNumber = IdNumber, phone = Phone }))
                .JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            var read = await (await officer.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK);
            read["idNumber"]!.GetValue<string>().Should().Be(IdNumber);

            var payload = (byte[])(await database.QueryAsync("SELECT \"IdNumber\" FROM \"People\" WHERE \"Id\" = @id", ("@id", database.Key(id)))).Single()[0]!;
            var ring = (await database.QueryAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\""))
                .Select(r => Guid.Parse(XElement.Parse((string)r[0]!).Attribute("id")!.Value));
            ring.Should().Contain(DataProtectionPayload.KeyId(payload), "each host encrypts with a key of its own database's ring");
        }

        var models = await Task.WhenAll(first.WithDbAsync(db => Task.FromResult(db.Model)), second.WithDbAsync(db => Task.FromResult(db.Model)));
        models[0].Should().NotBeSameAs(models[1]);
    }

    [Fact]
    public void The_model_built_for_migrations_stores_marked_values_as_binary_with_an_indexed_hash_beside_the_identity_number()
    {
        using var db = new SqlitePeopleDbContext(new DbContextOptionsBuilder<SqlitePeopleDbContext>().UseSqlite("Data Source=:memory:").Options);

        var person = db.Model.FindEntityType(typeof(Person))!;

        foreach (var marked in new[] { nameof(Person.IdNumber), nameof(Person.Phone) })
        {
            person.FindProperty(marked)!.GetValueConverter()!.ProviderClrType.Should().Be<byte[]>();
            person.FindProperty(marked)!.GetColumnType().Should().Be("BLOB");
            person.FindProperty(marked)!.GetMaxLength().Should().BeNull("the column holds the ciphertext, not the value's characters");
        }

        person.FindProperty(nameof(Person.Name))!.GetValueConverter().Should().BeNull();
        var hash = person.FindProperty("IdNumberHash")!;
        hash.ClrType.Should().Be<byte[]>();
        hash.IsShadowProperty().Should().BeTrue();
        hash.IsIndex().Should().BeTrue();
        person.FindProperty("PhoneHash").Should().BeNull("the phone is not marked for look-up");
    }

    [Fact]
    public void A_context_outside_a_service_host_refuses_to_write_personal_data_naming_the_property()
    {
        using var db = new SqlitePeopleDbContext(new DbContextOptionsBuilder<SqlitePeopleDbContext>().UseSqlite("Data Source=:memory:").Options);
        db.Database.OpenConnection();
        db.Database.EnsureCreated();
        db.People.Add(new Person("张三", IdNumber, Phone, DateTimeOffset.UtcNow));

        var save = () => db.SaveChanges();

        var failure = save.Should().Throw<Exception>().Which.ToString();
        failure.Should().Contain("Person.IdNumber is personal data").And.NotContain(IdNumber[..7]);
    }

    [Fact]
    public void Sensitive_data_logging_stays_off_whatever_the_host_asks()
    {
        using var db = new SqlitePeopleDbContext(new DbContextOptionsBuilder<SqlitePeopleDbContext>().UseSqlite("Data Source=:memory:")
            .EnableSensitiveDataLogging().Options);

        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.IsSensitiveDataLoggingEnabled.Should().BeFalse();
    }

    [Fact]
    public void A_marked_property_that_is_not_a_string_is_refused() =>
        ModelOf<MarkedNumber>().Should().Throw<InvalidOperationException>().WithMessage("MarkedNumber.Secret is marked [PersonalData] but is a Int32*");

    [Fact]
    public void A_marked_key_is_refused() =>
        ModelOf<MarkedKey>().Should().Throw<InvalidOperationException>().WithMessage("MarkedKey.IdNumber is marked [PersonalData] but is a key or indexed*");

    [Fact]
    public void An_index_on_a_marked_property_is_refused() =>
        ModelOf<IndexedPhone>().Should().Throw<InvalidOperationException>().WithMessage("IndexedPhone.Phone is marked [PersonalData] but is a key or indexed*");

    [Fact]
    public void A_look_up_inside_a_complex_type_is_refused() =>
        ModelOf<WithContact>().Should().Throw<InvalidOperationException>().WithMessage("Contact.IdNumber is marked [PersonalData] but is marked for look-up inside a complex type*");

    [Fact]
    public void ASP_NET_Identity_s_attribute_of_the_same_name_is_refused_rather_than_silently_ignored() =>
        ModelOf<IdentityMarked>().Should().Throw<InvalidOperationException>().WithMessage("*carries ASP.NET Identity's [PersonalData]*");

    private static Func<object> ModelOf<T>() where T : class => () =>
    {
        using var db = new OneEntityContext<T>(new DbContextOptionsBuilder<OneEntityContext<T>>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    };

    public sealed class OneEntityContext<T>(DbContextOptions<OneEntityContext<T>> options) : ServiceDbContext(options) where T : class
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<T>();
        }
    }

    public sealed class MarkedNumber
    {
        public int Id { get; set; }

        [PersonalData(PersonalDataKind.Other)]
        public int Secret { get; set; }
    }

    public sealed class MarkedKey
    {
        [Key]
        [PersonalData(PersonalDataKind.IdentityNumber)]
        public string IdNumber { get; set; } = "";
    }

    [Index(nameof(Phone))]
    public sealed class IndexedPhone
    {
        public int Id { get; set; }

        [PersonalData(PersonalDataKind.Phone)]
        public string Phone { get; set; } = "";
    }

    public sealed class WithContact
    {
        public int Id { get; set; }

        public required Contact Contact { get; set; }
    }

    [ComplexType]
    public sealed class Contact
    {
        [PersonalData(PersonalDataKind.IdentityNumber, Lookup = true)]
        public string IdNumber { get; set; } = "";
    }

    public sealed class IdentityMarked
    {
        public int Id { get; set; }

        [Microsoft.AspNetCore.Identity.PersonalData]
        public string Phone { get; set; } = "";
    }
}

/// <summary>Queries over marked properties: what works, and what is refused instead of silently finding nothing.</summary>
public class PersonalDataQueryTests(PeopleServiceFixture service) : IClassFixture<PeopleServiceFixture>
{
    [Fact]
    public async Task Filtering_by_a_marked_property_is_refused_since_its_ciphertext_never_matches() =>
        await service.Host.Invoking(h => h.WithDbAsync(db => db.People.Where(p => p.Phone == Phone).ToListAsync()))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("Person.Phone is personal data, stored encrypted*WhereMatches*");

    [Fact]
    public async Task Sorting_by_a_marked_property_is_refused() =>
        await service.Host.Invoking(h => h.WithDbAsync(db => db.People.OrderBy(p => p.IdNumber).ToListAsync()))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("Person.IdNumber is personal data*");

    [Fact]
    public async Task Testing_a_marked_property_for_null_and_projecting_it_work()
    {
        var (id, idNumber) = await service.RegisterAsync(phone: null);

        var numbers = await service.Host.WithDbAsync(db => db.People.Where(p => p.Id == id && p.Phone == null).Select(p => p.IdNumber).ToListAsync());

        numbers.Should().Equal(idNumber);
    }

    [Fact]
    public async Task An_exact_match_on_a_property_not_marked_for_look_up_is_refused() =>
        await service.Host.Invoking(h => h.WithDbAsync(db => db.People.WhereMatches(p => p.Phone, Phone).ToListAsync()))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("Person.Phone is not personal data marked for look-up*");

    [Fact]
    public async Task An_exact_match_finds_the_person_and_nobody_else()
    {
        var (id, idNumber) = await service.RegisterAsync();
        await service.RegisterAsync();

        var found = await service.Host.WithDbAsync(db => db.People.WhereMatches(p => p.IdNumber, idNumber).Select(p => p.Id).ToListAsync());
        var lowerCase = await service.Host.WithDbAsync(db => db.People.WhereMatches(p => p.IdNumber, idNumber + " ").CountAsync());

        found.Should().Equal(id);
        lowerCase.Should().Be(0, "the match is exact: the command normalises what it stores");
    }
}
