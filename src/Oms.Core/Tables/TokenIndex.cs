using System.Numerics;
using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Ring;

namespace Oms.Tables;

/// <summary>
/// A preallocated open-addressing map from <see cref="IdToken"/> to an int value, with linear probing and
/// backward-shift deletion (no tombstones, so lookups never slow down after removals). Lookup, insert and
/// remove are O(1) expected. It never grows: a full index refuses inserts.
/// </summary>
/// <remarks>
/// <para>Single-threaded: owned by the engine thread, except <see cref="Prefetch"/>, which any thread may call
/// (it reads only fields fixed at construction and changes nothing). The table keeps its load at or below one
/// half.</para>
/// <para>Layout: each entry holds its key, its value and a second 32-bit payload, the tag, side by side (32
/// bytes, two to a cache line), so a hit costs one cache miss, not two. The tag fills what would otherwise be
/// padding, so an index that keeps one (the ClOrdID index keeps the row's generation) reads nothing more.
/// The entries live in one pinned block whose first entry starts on a line boundary
/// (<see cref="SlotStorage{T}"/>): in a managed array they would start 16 bytes into a line, and every other
/// entry would straddle two. A large index (ExecIDs) misses the cache on nearly every new key;
/// <see cref="Prefetch"/> lets the engine ask for the line a few messages ahead.</para>
/// </remarks>
public sealed class TokenIndex
{
    private struct Entry
    {
        public UInt128 Key;
        public int Value;
        public uint Tag;
    }

    private readonly SlotStorage<Entry> _entries; // indexed only after masking with _mask
    private readonly int _size;
    private readonly int _mask;
    private readonly int _limit;
    private int _count;
    private readonly long _hugePageBytes;

    /// <summary>
    /// The most entries an index holds: twice as many buckets, a power of two, must still be a positive
    /// <see cref="int"/> (2^30 buckets of 32 bytes, 32 GiB).
    /// </summary>
    public const int MaxEntriesLimit = 1 << 29;

    /// <summary>Creates an index able to hold <paramref name="maxEntries"/> entries.</summary>
    /// <param name="maxEntries">Entries it holds at most.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the arrays of at least 4 MiB, committing them now (see <see cref="Engine.OmsEngineOptions.HugePages"/>).</param>
    public TokenIndex(int maxEntries, bool hugePages = false)
    {
        if (maxEntries is < 1 or > MaxEntriesLimit)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxEntries), $"must be in 1..{MaxEntriesLimit}");
        }

        int size = (int)BitOperations.RoundUpToPowerOf2((uint)maxEntries * 2);
        _entries = new SlotStorage<Entry>(size, hugePages, ref _hugePageBytes);
        _size = size;
        _mask = size - 1;
        _limit = maxEntries;
    }

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes;

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>
    /// Hints the CPU to fetch the cache line where a lookup or insert of <paramref name="key"/> starts, so
    /// that the access itself, a few messages later, hits the cache. Changes nothing; a no-op without SSE.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(IdToken key)
    {
        // Two lines: a lookup of a new key (every fill's ExecID) probes about 2.5 entries at half load.
        byte* home = (byte*)Unsafe.AsPointer(ref _entries[(int)key.Mix() & _mask]);
        Oms.Prefetch.Line(home);
        Oms.Prefetch.Line(home + 64);
    }

    /// <summary>Entries it can hold.</summary>
    public int MaxEntries => _limit;

    /// <summary>Looks a token up. <see cref="IdToken.None"/> is never found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(IdToken key, out int value) => TryGet(key, out value, out _);

    /// <summary>Looks a token up, with the tag it was added with. <see cref="IdToken.None"/> is never found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(IdToken key, out int value, out uint tag)
    {
        int i = Find(key, scoped: false, 0);
        if (i < 0)
        {
            value = -1;
            tag = 0;
            return false;
        }

        value = _entries[i].Value;
        tag = _entries[i].Tag;
        return true;
    }

    /// <summary>Adds a new key with its value and, optionally, a tag. False when the key is present already, is none, or the index is full.</summary>
    public bool TryAdd(IdToken key, int value, uint tag = 0) => Add(key, value, tag, scoped: false);

    /// <summary>
    /// Looks a key up within a scope. An index used this way takes (key, scope) as the identity: the same key
    /// under two scopes is two entries (ExecIDs and OrderIDs, which each venue assigns on its own). The scope
    /// is the entry's tag, so it costs no line more, and the key alone picks the home bucket, so
    /// <see cref="Prefetch"/> needs no scope. An index is used either scoped or not, never both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetScoped(IdToken key, uint scope, out int value)
    {
        int i = Find(key, scoped: true, scope);
        value = i < 0 ? -1 : _entries[i].Value;
        return i >= 0;
    }

    /// <summary>Adds a key within a scope (see <see cref="TryGetScoped"/>). False when (key, scope) is present already, the key is none, or the index is full.</summary>
    public bool TryAddScoped(IdToken key, uint scope, int value) => Add(key, value, scope, scoped: true);

    /// <summary>Points an existing (key, scope) at a new value (see <see cref="TryGetScoped"/>); false when absent.</summary>
    public bool TryReplaceScoped(IdToken key, uint scope, int value)
    {
        int i = Find(key, scoped: true, scope);
        if (i >= 0)
        {
            _entries[i].Value = value;
        }

        return i >= 0;
    }

    // The bucket holding the key (and, scoped, the scope), or -1. Probes from the key's home to the first empty bucket.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(IdToken key, bool scoped, uint scope)
    {
        if (key.IsNone)
        {
            return -1;
        }

        SlotStorage<Entry> entries = _entries;
        int i = (int)key.Mix() & _mask;
        while (true)
        {
            ref Entry e = ref entries[i];
            UInt128 k = e.Key;
            if (k == key.Value && (!scoped || e.Tag == scope))
            {
                return i;
            }

            if (k == UInt128.Zero)
            {
                return -1;
            }

            i = (i + 1) & _mask;
        }
    }

    private bool Add(IdToken key, int value, uint tag, bool scoped)
    {
        if (key.IsNone || _count >= _limit)
        {
            return false;
        }

        SlotStorage<Entry> entries = _entries;
        int i = (int)key.Mix() & _mask;
        while (entries[i].Key != UInt128.Zero)
        {
            if (entries[i].Key == key.Value && (!scoped || entries[i].Tag == tag))
            {
                return false;
            }

            i = (i + 1) & _mask;
        }

        entries[i].Key = key.Value;
        entries[i].Value = value;
        entries[i].Tag = tag;
        _count++;
        return true;
    }

    /// <summary>Removes a key; false when absent. For an unscoped index (in a scoped one it would remove the key under whichever scope it meets first).</summary>
    public bool Remove(IdToken key) => RemoveAt(Find(key, scoped: false, 0));

    /// <summary>Removes a key within a scope (see <see cref="TryGetScoped"/>); false when (key, scope) is absent.</summary>
    public bool RemoveScoped(IdToken key, uint scope) => RemoveAt(Find(key, scoped: true, scope));

    private bool RemoveAt(int i)
    {
        if (i < 0)
        {
            return false;
        }

        SlotStorage<Entry> entries = _entries;

        // Backward-shift: pull later entries of the probe run into the hole so no tombstone is needed.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (entries[j].Key == UInt128.Zero)
            {
                break;
            }

            int home = (int)new IdToken(entries[j].Key).Mix() & _mask;
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                entries[hole] = entries[j];
                hole = j;
            }
        }

        entries[hole] = default;
        _count--;
        return true;
    }

    /// <summary>Buckets in the table (for enumeration with <see cref="TryGetBucket"/>).</summary>
    public int BucketCount => _size;

    /// <summary>The entry in a bucket with its tag (or scope), if any (snapshots enumerate the index this way).</summary>
    public bool TryGetBucket(int bucket, out IdToken key, out int value, out uint tag)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)bucket, (uint)_size, nameof(bucket));
        key = new IdToken(_entries[bucket].Key);
        value = _entries[bucket].Value;
        tag = _entries[bucket].Tag;
        return !key.IsNone;
    }

    /// <summary>True when every entry lies within one cache line: the first starts on a line boundary and an entry is a power of two no larger than a line (tests).</summary>
    internal unsafe bool EntriesWithinLines => _entries.IsLineAligned && sizeof(Entry) <= 64 && BitOperations.IsPow2(sizeof(Entry));

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _entries.SlotBytes.Clear();
        _count = 0;
    }
}
