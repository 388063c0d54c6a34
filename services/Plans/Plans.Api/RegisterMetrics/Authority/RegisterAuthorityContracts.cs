namespace Plans.Api.RegisterMetrics.Authority;

/// <summary>Whether a register is complete for a region and the regions below it.</summary>
/// <param name="Authoritative">True: indicators bound to the register's metrics there take their actuals from it.</param>
/// <param name="Since">The day from which the register is complete; the statement takes effect on it. Optional.</param>
public sealed record SetRegisterAuthorityRequest(bool? Authoritative, DateOnly? Since);

/// <summary>The statement in force for a region: its own, or the nearest one above it.</summary>
/// <param name="Authoritative">True when the register is authoritative for the region today.</param>
/// <param name="RegionCode">The region whose statement makes it so (the region itself or one above it); null when none.</param>
/// <param name="Since">That statement's date.</param>
public sealed record EffectiveAuthority(bool Authoritative, string? RegionCode, DateOnly? Since);

/// <summary>A register's authority for a region.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="Register">The register (enterprises, platforms, talent …).</param>
/// <param name="Authoritative">This region's own statement (false when none was made).</param>
/// <param name="Since">This region's own statement's date.</param>
/// <param name="Effective">What holds today, taking the regions above into account.</param>
/// <param name="UpdatedAt">When this region's statement was last changed; null when none was made.</param>
public sealed record RegisterAuthorityResponse(string RegionCode, string Register, bool Authoritative, DateOnly? Since,
    EffectiveAuthority Effective, DateTimeOffset? UpdatedAt)
{
    public static RegisterAuthorityResponse From(string regionCode, string register, RegisterAuthority? own,
        IEnumerable<RegisterAuthority> all, DateOnly today)
    {
        var inForce = RegisterAuthorities.InForce(all, regionCode, today);
        return new RegisterAuthorityResponse(regionCode, register, own?.Authoritative ?? false, own?.Since,
            new EffectiveAuthority(inForce is not null, inForce?.RegionCode, inForce?.Since), own?.UpdatedAt);
    }
}
