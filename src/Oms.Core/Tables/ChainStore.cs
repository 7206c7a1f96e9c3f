using Oms.Domain;

namespace Oms.Tables;

/// <summary>
/// Every ClOrdID each order has been known by, oldest first: a pool of preallocated links shared by all
/// orders, with a free list. Single-threaded.
/// </summary>
internal sealed class ChainStore
{
    private readonly IdToken[] _ids;
    private readonly int[] _nextLink;
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[] _length;
    private int _freeHead;
    private int _freeCount;
    private readonly long _hugePageBytes;

    public ChainStore(int orders, int links, bool hugePages = false)
    {
        _ids = HugePages.Allocate<IdToken>(links, hugePages, ref _hugePageBytes);
        _nextLink = HugePages.Allocate<int>(links, hugePages, ref _hugePageBytes);
        for (int i = 0; i < links; i++)
        {
            _nextLink[i] = i + 1 < links ? i + 1 : -1;
        }

        _freeHead = 0;
        _freeCount = links;
        _head = HugePages.Allocate<int>(orders, hugePages, ref _hugePageBytes);
        _tail = HugePages.Allocate<int>(orders, hugePages, ref _hugePageBytes);
        _length = HugePages.Allocate<int>(orders, hugePages, ref _hugePageBytes);
    }

    internal long HugePageBytes => _hugePageBytes;

    public bool HasRoom(int n) => _freeCount >= n;

    /// <summary>Asks for the lines of a row's chain head, tail and length (in range: the caller checks).</summary>
    public void PrefetchSlot(int slot)
    {
        Prefetch.Element(_head, slot);
        Prefetch.Element(_tail, slot);
        Prefetch.Element(_length, slot);
    }

    public bool Start(int slot, IdToken id)
    {
        if (_freeCount == 0)
        {
            return false;
        }

        int link = Take(id);
        _head[slot] = link;
        _tail[slot] = link;
        _length[slot] = 1;
        return true;
    }

    public void Append(int slot, IdToken id)
    {
        int link = Take(id);
        _nextLink[_tail[slot]] = link;
        _tail[slot] = link;
        _length[slot]++;
    }

    public int Length(int slot) => _length[slot];

    /// <summary>The row's ids, oldest first, read in place (the chain must not change while they are read).</summary>
    public Ids IdsOf(int slot) => new(this, _length[slot] > 0 ? _head[slot] : -1);

    public int Copy(int slot, Span<IdToken> destination)
    {
        int n = 0;
        for (int link = _length[slot] > 0 ? _head[slot] : -1; link >= 0 && n < destination.Length; link = _nextLink[link])
        {
            destination[n++] = _ids[link];
        }

        return n;
    }

    public void Release(int slot)
    {
        if (_length[slot] == 0)
        {
            return;
        }

        _nextLink[_tail[slot]] = _freeHead;
        _freeHead = _head[slot];
        _freeCount += _length[slot];
        _length[slot] = 0;
    }

    /// <summary>Enumerates one row's chain without copying it (<c>foreach</c>; allocates nothing).</summary>
    public struct Ids(ChainStore store, int first)
    {
        private int _next = first;
        private int _current = -1;

        public readonly IdToken Current => store._ids[_current];

        public readonly Ids GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next < 0)
            {
                return false;
            }

            _current = _next;
            _next = store._nextLink[_next];
            return true;
        }
    }

    private int Take(IdToken id)
    {
        int link = _freeHead;
        _freeHead = _nextLink[link];
        _freeCount--;
        _ids[link] = id;
        _nextLink[link] = -1;
        return link;
    }
}
