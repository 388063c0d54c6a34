using System.Reflection;

namespace ServiceDefaults;

/// <summary>What a service tells the building blocks about itself.</summary>
/// <param name="Name">Short lower-case name (<c>plans</c>): database file, logs, OpenAPI.</param>
/// <param name="Title">Title of its OpenAPI document.</param>
/// <param name="Description">Description of its OpenAPI document (Markdown).</param>
/// <param name="Assembly">The service's assembly: validators and XML comments are read from it.</param>
public sealed record ServiceDescription(string Name, string Title, string Description, Assembly Assembly)
{
    /// <summary>
    /// The scope whose holders see its <c>[PersonalData]</c> response fields in clear (Talent:
    /// <c>talent.pii</c>); everyone else sees them masked. Without one, nobody sees them in clear.
    /// </summary>
    public string? PersonalDataScope { get; init; }
}
