using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Common;
using Plans.Api.Data;
using Plans.Api.Plans;
using Plans.Api.RegisterMetrics.Counters;
using Plans.Api.RegisterMetrics.Refresh;
using Plans.Api.Regions;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Plans.Api.RegisterMetrics.Authority;

/// <summary>
/// Whether a register is authoritative for a region, as anyone with plans.read may see it, or
/// (<see cref="Access.Write"/>) as the caller may change it: the version a statement starts from
/// (0 while the region has none of its own).
/// </summary>
/// <param name="RegionCode">The region.</param>
/// <param name="Register">A register a source is registered for (enterprises, platforms, talent …), as the path names it.</param>
public sealed record GetRegisterAuthority(string RegionCode, string Register, ClaimsPrincipal Caller, Access Access = Access.Read)
    : IQuery<Versioned<RegisterAuthorityResponse>>;

internal sealed class GetRegisterAuthorityValidator : AbstractValidator<GetRegisterAuthority>
{
    public GetRegisterAuthorityValidator(RegisterSources sources) => RuleFor(q => q.Register).NotEmpty()
        .Must(register => sources.Find(register) is not null)
        .WithMessage((_, register) => $"'{register}' is not one of: {sources.Names}.");
}

internal sealed class GetRegisterAuthorityHandler(PlansDbContext db, RegisterSources sources, TimeProvider clock)
    : IQueryHandler<GetRegisterAuthority, Versioned<RegisterAuthorityResponse>>
{
    public async ValueTask<Versioned<RegisterAuthorityResponse>> Handle(GetRegisterAuthority query, CancellationToken ct)
    {
        var register = sources.Find(query.Register)!.Register;
        var region = RegionCatalog.Find(query.RegionCode) ?? throw new NotFoundException("Region", query.RegionCode);
        if (query.Access == Access.Write)
        {
            PlanLookup.EnsureWritable(query.Caller, region.Code);
        }

        var all = await db.RegisterAuthorities.AsNoTracking().Where(a => a.Register == register).ToListAsync(ct);
        var own = all.SingleOrDefault(a => a.RegionCode == region.Code);
        return new(RegisterAuthorityResponse.From(region.Code, register, own, all, clock.Today()), own?.Version ?? 0);
    }
}

/// <summary>
/// States whether a register is complete for a region and the regions below it. Marking a
/// connected register authoritative (or no longer) refreshes the indicators bound to its metrics at once,
/// holding the register's lock so that no batch of its events interleaves (<see cref="RegisterLocks"/>).
/// </summary>
/// <param name="Register">The register's name as its source gives it.</param>
/// <param name="ExpectedVersion">The version the caller's If-Match was checked against, if it sent one.</param>
public sealed record SetRegisterAuthority(string RegionCode, string Register, bool? Authoritative, DateOnly? Since,
    long? ExpectedVersion, ClaimsPrincipal Caller) : ICommand<Versioned<RegisterAuthorityResponse>>;

internal sealed class SetRegisterAuthorityValidator : AbstractValidator<SetRegisterAuthority>
{
    public SetRegisterAuthorityValidator(RegisterSources sources)
    {
        RuleFor(r => r.Register).Must(register => sources.Find(register)?.Register == register)
            .WithMessage((_, register) => $"'{register}' is not one of: {sources.Names}.");
        RuleFor(r => r.Authoritative).NotNull();
        RuleFor(r => r.Since).InclusiveBetween(new DateOnly(1949, 10, 1), new DateOnly(2100, 12, 31));
    }
}

internal sealed class SetRegisterAuthorityHandler(PlansDbContext db, RegisterSources sources, RegisterLocks locks, MetricRefresher metrics,
    TimeProvider clock)
    : ICommandHandler<SetRegisterAuthority, Versioned<RegisterAuthorityResponse>>
{
    public async ValueTask<Versioned<RegisterAuthorityResponse>> Handle(SetRegisterAuthority command, CancellationToken ct)
    {
        var region = RegionCatalog.Find(command.RegionCode) ?? throw new NotFoundException("Region", command.RegionCode);
        PlanLookup.EnsureWritable(command.Caller, region.Code);
        await locks.ForWholeRegisterAsync(command.Register, ct);
        var own = await db.RegisterAuthorities.SingleOrDefaultAsync(a => a.RegionCode == region.Code && a.Register == command.Register, ct);
        var now = clock.GetUtcNow();
        var changed = true;
        if (own is null)
        {
            own = new RegisterAuthority(region.Code, command.Register, command.Authoritative!.Value, command.Since, now);
            db.RegisterAuthorities.Add(own);
        }
        else
        {
            db.Expect(own, command.ExpectedVersion);
            changed = own.Set(command.Authoritative!.Value, command.Since, now);
        }

        await db.SaveChangesAsync(ct);
        if (changed && sources.Find(command.Register)?.Copy is not null)
        {
            // Marking a region authoritative records its current counts at once.
            await metrics.RefreshAllAsync(command.Register, ct);
        }

        var all = await db.RegisterAuthorities.AsNoTracking().Where(a => a.Register == command.Register).ToListAsync(ct);
        return new(RegisterAuthorityResponse.From(region.Code, command.Register, own, all, clock.Today()), own.Version);
    }
}
