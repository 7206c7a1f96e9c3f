namespace Oms.Venue.Scheduling;

/// <summary>
/// A binary min-heap of items keyed by (due time, insertion sequence): items come out in due order, and
/// items due at the same time in the order they were pushed. Used for the latency queue of reports and for
/// the venue's timers.
/// </summary>
/// <remarks>
/// Preallocated to the given capacity; pushing past it doubles the array (rare, a slow path), so nothing is
/// ever dropped. Not thread-safe: the venue thread owns it.
/// </remarks>
internal sealed class ScheduleHeap<T> where T : struct
{
    private struct Entry
    {
        public long Due;
        public long Sequence;
        public T Item;
    }

    private Entry[] _heap;
    private int _count;
    private long _sequence;

    public ScheduleHeap(int capacity) => _heap = new Entry[Math.Max(4, capacity)];

    /// <summary>Items waiting.</summary>
    public int Count => _count;

    /// <summary>The earliest due time, or <see cref="long.MaxValue"/> when empty.</summary>
    public long NextDue => _count > 0 ? _heap[0].Due : long.MaxValue;

    /// <summary>The earliest item, by reference; only valid while <see cref="Count"/> is positive and until the next push or pop.</summary>
    public ref T Peek() => ref _heap[0].Item;

    /// <summary>Adds <paramref name="item"/> due at <paramref name="due"/>.</summary>
    public void Push(long due, in T item)
    {
        if (_count == _heap.Length)
        {
            Grow();
        }

        int i = _count++;
        _heap[i] = new Entry { Due = due, Sequence = _sequence++, Item = item };
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(i, parent))
            {
                break;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    /// <summary>Removes the earliest item (the one <see cref="Peek"/> returns).</summary>
    public void Pop()
    {
        _count--;
        _heap[0] = _heap[_count];
        _heap[_count] = default;
        int i = 0;
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= _count)
            {
                break;
            }

            int child = left + 1 < _count && Before(left + 1, left) ? left + 1 : left;
            if (!Before(child, i))
            {
                break;
            }

            (_heap[i], _heap[child]) = (_heap[child], _heap[i]);
            i = child;
        }
    }

    /// <summary>Visits every waiting item in storage order (not due order); for state hashes and checks.</summary>
    public void ForEach<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IScheduleVisitor<T>
    {
        for (int i = 0; i < _count; i++)
        {
            visitor.Visit(_heap[i].Due, in _heap[i].Item);
        }
    }

    private bool Before(int a, int b) =>
        _heap[a].Due < _heap[b].Due || (_heap[a].Due == _heap[b].Due && _heap[a].Sequence < _heap[b].Sequence);

    private void Grow() => Array.Resize(ref _heap, _heap.Length * 2);
}

/// <summary>Visits the items of a <see cref="ScheduleHeap{T}"/>.</summary>
internal interface IScheduleVisitor<T> where T : struct
{
    void Visit(long due, in T item);
}
