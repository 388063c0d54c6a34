namespace Plans.Api.Domain;

/// <summary>
/// An entity clients update with If-Match: every change goes through a method that calls
/// <see cref="Touch"/>, which moves the version (the ETag) and the update time on.
/// </summary>
public abstract class VersionedEntity
{
    protected VersionedEntity()
    {
    }

    protected VersionedEntity(DateTimeOffset now)
    {
        Version = 1;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    protected void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }
}
