namespace Oms.Tables;

/// <summary>
/// One intrusive doubly linked list of order rows per strategy, in creation order, holding every live row of
/// that strategy (and terminal rows not yet swept out). Mass cancel walks its sender's list, so it costs
/// O(live orders of the sender) instead of O(rows of the session).
/// </summary>
/// <remarks>
/// Single-threaded: owned by the engine thread through <see cref="OrderTable"/>. Rows leave lazily: a walk
/// that meets a row no longer live unlinks it (O(1)), so a row that ends costs nothing when it ends. A row
/// that comes back to life (a bust on a filled order) is re-inserted at its creation-order position.
/// </remarks>
internal sealed class LiveOrderLists
{
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly bool[] _linked;
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly long _hugePageBytes;

    public LiveOrderLists(int capacity, int maxOwners, bool hugePages = false)
    {
        _next = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        _prev = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        _linked = HugePages.Allocate<bool>(capacity, hugePages, ref _hugePageBytes);
        _head = new int[maxOwners + 1];
        _tail = new int[maxOwners + 1];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
    }

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages.</summary>
    public long HugePageBytes => _hugePageBytes;

    /// <summary>True when <paramref name="owner"/> has a list (1..maxOwners).</summary>
    public bool Tracks(int owner) => (uint)(owner - 1) < (uint)(_head.Length - 1);

    public bool IsLinked(int slot) => _linked[slot];

    /// <summary>Asks for every line linking a new row writes (in range: the caller checks).</summary>
    public void PrefetchNewSlot(int slot)
    {
        Prefetch.Element(_next, slot);
        Prefetch.Element(_prev, slot);
        Prefetch.Element(_linked, slot);
    }

    public int First(int owner) => Tracks(owner) ? _head[owner] : -1;

    public int Next(int slot) => _next[slot];

    /// <summary>Links <paramref name="slot"/> right after <paramref name="after"/> (-1: at the head).</summary>
    public void InsertAfter(int owner, int slot, int after)
    {
        int next = after >= 0 ? _next[after] : _head[owner];
        _prev[slot] = after;
        _next[slot] = next;
        if (after >= 0)
        {
            _next[after] = slot;
        }
        else
        {
            _head[owner] = slot;
        }

        if (next >= 0)
        {
            _prev[next] = slot;
        }
        else
        {
            _tail[owner] = slot;
        }

        _linked[slot] = true;
    }

    public void Append(int owner, int slot) => InsertAfter(owner, slot, _tail[owner]);

    public void Unlink(int owner, int slot)
    {
        int p = _prev[slot];
        int n = _next[slot];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head[owner] = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail[owner] = p;
        }

        _linked[slot] = false;
    }
}
