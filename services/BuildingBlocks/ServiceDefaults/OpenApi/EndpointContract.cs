using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.OpenApi;

/// <summary>The successful answers of the endpoint carry the resource's version in <c>ETag</c>.</summary>
public sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();

    private ETagMetadata()
    {
    }
}

/// <summary>The endpoint compares <c>If-Match</c> with the resource's ETag: 412 when stale, and 428 when <see cref="Required"/> and missing.</summary>
public sealed record IfMatchMetadata(bool Required);

/// <summary>The endpoint takes a JSON merge patch (RFC 7396) over <see cref="Model"/>, the resource's update model.</summary>
public sealed record MergePatchMetadata(Type Model);

/// <summary>
/// The endpoint's handler reads its body itself (a form) and answers a body of another type itself, so
/// the body is documented as <see cref="Model"/> under <see cref="MediaType"/> without the framework's
/// content-type check (a 415) that <c>Accepts</c> would add.
/// </summary>
public sealed record HandlerReadBodyMetadata(Type Model, string MediaType);

/// <summary>
/// What an endpoint's handler does that its signature cannot say, stated once on the endpoint so that
/// the OpenAPI document says it too: the ETag it sets, the If-Match it checks, the merge patch it reads.
/// </summary>
public static class EndpointContract
{
    public static TBuilder WithETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ETagMetadata.Instance);

    /// <param name="builder">The endpoint.</param>
    /// <param name="required">Whether a request without If-Match is refused (428) rather than applied unconditionally.</param>
    public static TBuilder AcceptsIfMatch<TBuilder>(this TBuilder builder, bool required = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata(required));

    /// <summary>
    /// A PATCH whose body is a JSON merge patch over <typeparamref name="TModel"/>: every field optional,
    /// <c>null</c> clearing a field the model lets be empty; If-Match required; the answer carries the new ETag.
    /// </summary>
    public static RouteHandlerBuilder AcceptsMergePatch<TModel>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new MergePatchMetadata(typeof(TModel)), new IfMatchMetadata(true), ETagMetadata.Instance);

    /// <summary>A body the handler reads itself: documented as <typeparamref name="TModel"/> under <paramref name="mediaType"/>, with no 415 or 422.</summary>
    public static RouteHandlerBuilder ReadsBody<TModel>(this RouteHandlerBuilder builder, string mediaType) =>
        builder.WithMetadata(new HandlerReadBodyMetadata(typeof(TModel), mediaType));
}
