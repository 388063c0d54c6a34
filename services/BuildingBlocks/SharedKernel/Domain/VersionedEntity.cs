namespace SharedKernel.Domain;

/// <summary>
/// An entity clients update with If-Match: every change goes through <see cref="Touch"/>, which moves
/// the version (the ETag) and the update time on. An entity created with the time of its creation
/// starts at version 1; one created bare gets its creation time from its first touch.
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

    public void Touch(DateTimeOffset now)
    {
        if (Version == 0)
        {
            CreatedAt = now;
        }

        Version++;
        UpdatedAt = now;
    }
}
