namespace Plans.Api.Common;

/// <summary>
/// A resource as a handler read or wrote it, with the version its ETag carries: the response bodies
/// themselves hold no version, and the endpoint sets the header from this one.
/// </summary>
public sealed record Versioned<T>(T Resource, long Version);
