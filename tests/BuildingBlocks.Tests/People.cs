using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Persistence.PersonalData;
using SharedKernel.Domain;
using SharedKernel.Errors;
using SharedKernel.PersonalData;

namespace BuildingBlocks.Tests;

/// <summary>A person as the Talent service will hold one: an identity number found by exact match, and a phone.</summary>
public sealed class Person : VersionedEntity
{
    private Person()
    {
    }

    public Person(string name, string idNumber, string? phone, DateTimeOffset now) : base(now)
    {
        Name = name;
        IdNumber = idNumber;
        Phone = phone;
    }

    /// <summary>Made by the entity, not the database, so that the audit trail knows it at creation.</summary>
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    [PersonalData(PersonalDataKind.IdentityNumber, Lookup = true)]
    public string IdNumber { get; private set; } = "";

    [PersonalData(PersonalDataKind.Phone)]
    public string? Phone { get; set; }
}

public abstract class PeopleDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Person>(person =>
        {
            person.HasKey(p => p.Id);
            person.Property(p => p.Name).HasMaxLength(100);
            person.Property(p => p.IdNumber).HasMaxLength(18);
            person.Property(p => p.Version).IsConcurrencyToken();
        });
    }
}

public sealed class SqlitePeopleDbContext(DbContextOptions<SqlitePeopleDbContext> options) : PeopleDbContext(options);

public sealed class PostgresPeopleDbContext(DbContextOptions<PostgresPeopleDbContext> options) : PeopleDbContext(options);

/// <summary>A person as the API shows it; the marker is written both ways C# allows on a positional record.</summary>
public sealed record PersonResponse(Guid Id, string Name,
    [property: PersonalData(PersonalDataKind.IdentityNumber)] string IdNumber,
    [PersonalData(PersonalDataKind.Phone)] string? Phone)
{
    public static PersonResponse From(Person person) => new(person.Id, person.Name, person.IdNumber, person.Phone);
}

public sealed record CreatePerson(string? Name, string? IdNumber, string? Phone) : ICommand<PersonResponse>;

public sealed class CreatePersonValidator : AbstractValidator<CreatePerson>
{
    public CreatePersonValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.IdNumber).NotEmpty().Length(18).Matches("^[0-9]{17}[0-9X]$");
        RuleFor(c => c.Phone).Matches("^1[0-9]{10}$");
    }
}

public sealed class CreatePersonHandler(PeopleDbContext db, TimeProvider clock) : ICommandHandler<CreatePerson, PersonResponse>
{
    public async ValueTask<PersonResponse> Handle(CreatePerson command, CancellationToken cancellationToken)
    {
        if (await db.People.WhereMatches(p => p.IdNumber, command.IdNumber!).AnyAsync(cancellationToken))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, "A person with this identity number is already registered.");
        }

        var person = new Person(command.Name!, command.IdNumber!, command.Phone, clock.GetUtcNow());
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return PersonResponse.From(person);
    }
}

public sealed record UpdatePerson(Guid Id, string? Name, string? Phone) : ICommand<PersonResponse>;

public sealed class UpdatePersonValidator : AbstractValidator<UpdatePerson>
{
    public UpdatePersonValidator() => RuleFor(c => c.Phone).Matches("^1[0-9]{10}$");
}

public sealed class UpdatePersonHandler(PeopleDbContext db, TimeProvider clock) : ICommandHandler<UpdatePerson, PersonResponse>
{
    public async ValueTask<PersonResponse> Handle(UpdatePerson command, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Person", command.Id.ToString());
        person.Name = command.Name ?? person.Name;
        person.Phone = command.Phone ?? person.Phone;
        person.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return PersonResponse.From(person);
    }
}

public sealed record GetPerson(Guid Id) : IQuery<PersonResponse>;

public sealed class GetPersonHandler(PeopleDbContext db) : IQueryHandler<GetPerson, PersonResponse>
{
    public async ValueTask<PersonResponse> Handle(GetPerson query, CancellationToken cancellationToken) =>
        PersonResponse.From(await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Person", query.Id.ToString()));
}

/// <summary>An exact look-up by identity number, sent in the body: a URL reaches access logs and proxies.</summary>
public sealed record FindPerson(string? IdNumber) : IQuery<PersonResponse>;

public sealed class FindPersonValidator : AbstractValidator<FindPerson>
{
    public FindPersonValidator() => RuleFor(q => q.IdNumber).NotEmpty().Length(18);
}

public sealed class FindPersonHandler(PeopleDbContext db) : IQueryHandler<FindPerson, PersonResponse>
{
    public async ValueTask<PersonResponse> Handle(FindPerson query, CancellationToken cancellationToken) =>
        PersonResponse.From(await db.People.WhereMatches(p => p.IdNumber, query.IdNumber!).AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            // A message names a person by the mask of the number, never the number.
            ?? throw new NotFoundException("Person", PersonalDataMask.Mask(PersonalDataKind.IdentityNumber, query.IdNumber)!));
}
