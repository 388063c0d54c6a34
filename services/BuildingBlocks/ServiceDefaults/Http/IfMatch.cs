using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Http;

/// <summary>
/// The If-Match header of a request, carried into the command that changes the resource, so that the
/// handler compares it with the version it loads, after it has found the resource and checked the
/// caller may change it (RFC 9110 §13.1.1): 428 when it is required and missing, 412 when stale.
/// </summary>
public readonly record struct IfMatch(StringValues Header)
{
    public static IfMatch From(HttpRequest request) => new(request.Headers.IfMatch);

    public bool IsPresent => Header.Count > 0;

    /// <summary>For updates: the header is required and must name the current version (or be *).</summary>
    public void Require(long currentVersion)
    {
        if (!IsPresent)
        {
            throw new PreconditionRequiredException();
        }

        RequireIfPresent(currentVersion);
    }

    /// <summary>For writes where the header is optional (a PUT that may create): checked only when sent.</summary>
    public void RequireIfPresent(long currentVersion)
    {
        if (!IsPresent)
        {
            return;
        }

        if (!EntityTagHeaderValue.TryParseList(Header, out var tags))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter,
                "If-Match must hold one or more quoted entity tags, such as \"3\".",
                new Dictionary<string, string[]> { ["If-Match"] = ["Not a valid entity tag list."] });
        }

        var current = ETags.For(currentVersion);
        if (!tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag == current)))
        {
            throw new PreconditionFailedException(current);
        }
    }

    /// <summary>
    /// <see cref="Require"/>, then the version a command must still find when it writes, so that a
    /// change made by another request between this check and the write is refused as well.
    /// </summary>
    public long Expect(long currentVersion)
    {
        Require(currentVersion);
        return currentVersion;
    }

    /// <summary><see cref="RequireIfPresent"/>, then the version to expect, or null when nothing was sent.</summary>
    public long? ExpectIfPresent(long currentVersion)
    {
        RequireIfPresent(currentVersion);
        return IsPresent ? currentVersion : null;
    }

    /// <summary>A PUT with If-Match (even *) asks to replace a resource; when there is none, the caller's view is stale.</summary>
    public void RequireAbsent(string detail)
    {
        if (IsPresent)
        {
            throw new ApiException(412, ErrorCodes.PreconditionFailed, "The resource has changed", detail);
        }
    }
}
