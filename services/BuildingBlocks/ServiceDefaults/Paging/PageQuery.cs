using SharedKernel.Errors;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Paging;

/// <summary>The <c>page</c>, <c>pageSize</c> and <c>sort</c> query parameters shared by every list.</summary>
public sealed record PageQuery(int? Page, int? PageSize, string? Sort)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? DefaultPageSize;

    /// <summary>How many items come before the page (a long: far past the last page it leaves int's range).</summary>
    public long Offset => (long)(PageNumber - 1) * Size;

    public void EnsureValid()
    {
        var errors = new Dictionary<string, string[]>();
        if (PageNumber < 1)
        {
            errors["page"] = ["'page' must be 1 or more."];
        }

        if (Size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"'pageSize' must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, "The paging parameters are out of range.", errors);
        }
    }
}

/// <summary>One page of a list.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="TotalCount">How many items match the filters, on all pages.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
