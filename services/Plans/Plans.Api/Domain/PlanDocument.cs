using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>The full text of a plan's source document, kept so that every figure can be checked against it.</summary>
[NotAudited]
public sealed class PlanDocument(string planCode, string text)
{
    public string PlanCode { get; private set; } = planCode;
    public string Text { get; private set; } = text;

    public void Replace(string text) => Text = text;
}

/// <summary>
/// What the seed loader wrote: the seed version, and the entity's version right after it wrote it.
/// An entity whose version has moved on since was edited by a user, and a newer seed leaves it alone.
/// </summary>
[NotAudited]
public sealed class SeedRecord(string key, int seedVersion, long entityVersion)
{
    public string Key { get; private set; } = key;
    public int SeedVersion { get; private set; } = seedVersion;
    public long EntityVersion { get; private set; } = entityVersion;

    public void Record(int seedVersion, long entityVersion)
    {
        SeedVersion = seedVersion;
        EntityVersion = entityVersion;
    }
}
