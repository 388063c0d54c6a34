using SharedKernel.Domain;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>The registers whose metrics indicators may bind to.</summary>
public enum Register
{
    Enterprises,
    Platforms,
    Talent,
}

/// <summary>
/// An administrator's statement that a register is complete for a region and the regions below it,
/// from a date on. Only then do indicators bound to its metrics take their actuals from it: an empty
/// or half-filled register must never report 0 against a real baseline.
/// </summary>
public sealed class RegisterAuthority : VersionedEntity, IAuditedResource
{
    private RegisterAuthority()
    {
    }

    public RegisterAuthority(string regionCode, Register register, bool authoritative, DateOnly? since, DateTimeOffset now) : base(now)
    {
        RegionCode = regionCode;
        Register = register;
        Authoritative = authoritative;
        Since = since;
    }

    public string RegionCode { get; private set; } = null!;
    public Register Register { get; private set; }
    public bool Authoritative { get; private set; }

    /// <summary>The day from which the register is complete; the statement takes effect on it.</summary>
    public DateOnly? Since { get; private set; }

    public string AuditKey => $"{RegionCode}/{Register.ToString().ToLowerInvariant()}";

    public bool InForceOn(DateOnly day) => Authoritative && (Since is null || Since <= day);

    /// <summary>Returns whether anything changed (a PUT of the same statement leaves the version alone).</summary>
    public bool Set(bool authoritative, DateOnly? since, DateTimeOffset now)
    {
        if (authoritative == Authoritative && since == Since)
        {
            return false;
        }

        Authoritative = authoritative;
        Since = since;
        Touch(now);
        return true;
    }
}
