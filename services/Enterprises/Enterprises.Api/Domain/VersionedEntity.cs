namespace Enterprises.Api.Domain;

/// <summary>
/// A record clients update with If-Match: every change calls <see cref="Touch"/>, which moves the
/// version (the ETag) and the update time on. The first touch stamps the creation time.
/// </summary>
public abstract class VersionedEntity
{
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
