namespace Oms.Venue.Book;

/// <summary>One price level: a FIFO of resting orders at one price (time priority within the price).</summary>
internal struct PriceLevel
{
    /// <summary>The level's price, raw.</summary>
    public long Price;
    /// <summary>Sum of the resting orders' leaves.</summary>
    public long Qty;
    /// <summary>First order (oldest: trades first), or -1.</summary>
    public int Head;
    /// <summary>Last order (newest), or -1.</summary>
    public int Tail;
    /// <summary>Orders in the level.</summary>
    public int Count;
    /// <summary>Background orders in the level (the ladder refresh tops up levels that have none).</summary>
    public int BackgroundCount;
}

/// <summary>
/// The bids or the asks of one instrument: price levels kept sorted so the best level is the last one
/// (bids ascending, asks descending). Matching consumes the best level, so removing it is O(1); adding a
/// level is a binary search and a shift of the levels behind it, cheap for the tens of levels a simulated
/// book holds.
/// </summary>
/// <remarks>Venue thread only. The level array grows by doubling if a book ever holds more levels (slow path).</remarks>
internal sealed class BookSide(bool bids, int capacity)
{
    private PriceLevel[] _levels = new PriceLevel[Math.Max(4, capacity)];
    private int _count;

    /// <summary>True for the bid side.</summary>
    public bool IsBids => bids;

    /// <summary>Levels in the side.</summary>
    public int Count => _count;

    /// <summary>A level by index: 0 is the worst price, <see cref="Count"/> − 1 the best.</summary>
    public ref PriceLevel this[int index] => ref _levels[index];

    /// <summary>The best level; only valid while <see cref="Count"/> is positive.</summary>
    public ref PriceLevel Best => ref _levels[_count - 1];

    /// <summary>True when <paramref name="a"/> is a better price than <paramref name="b"/> on this side.</summary>
    public bool IsBetter(long a, long b) => bids ? a > b : a < b;

    /// <summary>The index of the level at <paramref name="price"/>, or the bitwise complement of where it would go.</summary>
    public int IndexOf(long price)
    {
        int lo = 0;
        int hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long p = _levels[mid].Price;
            if (p == price)
            {
                return mid;
            }

            // Sorted worst to best: a level better than the price lies above it.
            if (IsBetter(p, price))
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return ~lo;
    }

    /// <summary>The index of the level at <paramref name="price"/>, inserting an empty one if needed.</summary>
    public int GetOrAdd(long price)
    {
        int index = IndexOf(price);
        if (index >= 0)
        {
            return index;
        }

        index = ~index;
        if (_count == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        Array.Copy(_levels, index, _levels, index + 1, _count - index);
        _levels[index] = new PriceLevel { Price = price, Head = -1, Tail = -1 };
        _count++;
        return index;
    }

    /// <summary>Removes the (empty) level at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        System.Diagnostics.Debug.Assert(_levels[index].Count == 0, "Invariant: only empty levels are removed");
        _count--;
        Array.Copy(_levels, index + 1, _levels, index, _count - index);
        _levels[_count] = default;
    }

    /// <summary>Appends a resting order at the back of its level's queue (it keeps no priority).</summary>
    public void Append(OrderPool pool, int order)
    {
        ref SimOrder o = ref pool[order];
        // The index first: adding a level may replace the array, and `_levels[GetOrAdd(..)]` would read the old one.
        int index = GetOrAdd(o.Price);
        ref PriceLevel level = ref _levels[index];
        o.Prev = level.Tail;
        o.Next = -1;
        if (level.Tail >= 0)
        {
            pool[level.Tail].Next = order;
        }
        else
        {
            level.Head = order;
        }

        level.Tail = order;
        level.Count++;
        level.Qty += o.Leaves;
        level.BackgroundCount += o.Background ? 1 : 0;
    }

    /// <summary>Takes a resting order out of its level (removing the level if it empties).</summary>
    public void Unlink(OrderPool pool, int order)
    {
        ref SimOrder o = ref pool[order];
        int index = IndexOf(o.Price);
        System.Diagnostics.Debug.Assert(index >= 0, "Invariant: a resting order's level exists");
        ref PriceLevel level = ref _levels[index];
        if (o.Prev >= 0)
        {
            pool[o.Prev].Next = o.Next;
        }
        else
        {
            level.Head = o.Next;
        }

        if (o.Next >= 0)
        {
            pool[o.Next].Prev = o.Prev;
        }
        else
        {
            level.Tail = o.Prev;
        }

        o.Prev = -1;
        o.Next = -1;
        level.Count--;
        level.Qty -= o.Leaves;
        level.BackgroundCount -= o.Background ? 1 : 0;
        if (level.Count == 0)
        {
            RemoveAt(index);
        }
    }
}
