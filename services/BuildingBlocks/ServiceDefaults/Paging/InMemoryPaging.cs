namespace ServiceDefaults.Paging;

public static class InMemoryPaging
{
    /// <summary>
    /// A page of items the service holds in memory (a catalogue that needs no database), sorted and
    /// paged by the same rules as a database list.
    /// </summary>
    public static PagedList<TResult> ToPagedList<T, TResult>(this IReadOnlyCollection<T> matches, PageQuery paging,
        SortFields<T> sortFields, Func<T, TResult> project)
    {
        paging.EnsureValid();
        var sorted = sortFields.Apply(matches, paging.Sort);
        var offset = paging.Offset;
        var items = offset >= matches.Count ? [] : sorted.Skip((int)offset).Take(paging.Size).Select(project).ToList();
        return new PagedList<TResult>(items, paging.PageNumber, paging.Size, matches.Count);
    }
}
