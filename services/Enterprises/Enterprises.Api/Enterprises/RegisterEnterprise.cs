using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SharedKernel.Errors;

namespace Enterprises.Api.Enterprises;

/// <summary>Puts a new enterprise on the register: POST /api/v1/enterprises, and each CSV row of a credit code not yet held.</summary>
public sealed record RegisterEnterprise : EnterpriseFields, ICommand<EnterpriseResult>
{
    public RegisterEnterprise(CreateEnterpriseRequest request, ClaimsPrincipal caller) : base(request)
    {
        CreditCode = request.CreditCode;
        Caller = caller;
    }

    /// <summary>As sent; lower-case letters are taken as upper-case.</summary>
    public string? CreditCode { get; }

    /// <summary>Who registers it: a caller confined to a region registers only there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class RegisterEnterpriseValidator : EnterpriseFieldsValidator<RegisterEnterprise>
{
    public RegisterEnterpriseValidator(TimeProvider clock)
    {
        RuleFor(e => e.CreditCode).NotEmpty().Custom((code, context) =>
        {
            if (SharedKernel.Identifiers.CreditCode.Problem(EnterpriseLookup.Normalize(code)) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleForFields(clock);
    }
}

internal sealed class RegisterEnterpriseHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<RegisterEnterprise, EnterpriseResult>
{
    public async ValueTask<EnterpriseResult> Handle(RegisterEnterprise command, CancellationToken cancellationToken)
    {
        var enterprise = NewEnterprise(command, clock.GetUtcNow());
        if (await db.Enterprises.AnyAsync(e => e.CreditCode == enterprise.CreditCode, cancellationToken))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"Enterprise '{enterprise.CreditCode}' is already on the register.");
        }

        db.Enterprises.Add(enterprise);
        events.Publish(EventFactory.Registered(enterprise));
        return EnterpriseResult.Of(enterprise, changed: true);
    }

    /// <summary>
    /// The enterprise a validated command registers, for a credit code not on the register: the caller may
    /// write in its region, and the entity checks its code. Shared with <see cref="Csv.ImportEnterprisesHandler"/>.
    /// </summary>
    public static Enterprise NewEnterprise(RegisterEnterprise command, DateTimeOffset now)
    {
        var details = command.ToDetails();
        EnterpriseLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        return Enterprise.Register(EnterpriseLookup.Normalize(command.CreditCode), details, now);
    }
}
