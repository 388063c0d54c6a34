using System.Collections;
using System.Diagnostics;

namespace Observability.Tests;

/// <summary>The spans the in-memory exporters add from their own threads, read safely by the test.</summary>
public sealed class SpanList : ICollection<Activity>
{
    private readonly List<Activity> spans = [];

    public int Count
    {
        get
        {
            lock (spans)
            {
                return spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (spans)
        {
            spans.Add(item);
        }
    }

    /// <summary>A copy of what has been exported so far.</summary>
    public List<Activity> Snapshot()
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    public void Clear()
    {
        lock (spans)
        {
            spans.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (spans)
        {
            return spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
