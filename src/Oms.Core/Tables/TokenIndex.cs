using System.Numerics;
using System.Runtime.CompilerServices;
using Oms.Domain;

namespace Oms.Tables;

/// <summary>
/// A preallocated open-addressing map from <see cref="IdToken"/> to an int value, with linear probing and
/// backward-shift deletion (no tombstones, so lookups never slow down after removals). Lookup, insert and
/// remove are O(1) expected. It never grows: a full index refuses inserts.
/// </summary>
/// <remarks>Single-threaded: owned by the engine thread. The table keeps its load at or below one half.</remarks>
public sealed class TokenIndex
{
    private readonly UInt128[] _keys;
    private readonly int[] _values;
    private readonly int _mask;
    private readonly int _limit;
    private int _count;

    /// <summary>Creates an index able to hold <paramref name="maxEntries"/> entries.</summary>
    public TokenIndex(int maxEntries)
    {
        if (maxEntries < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxEntries), "must be positive");
        }

        int size = (int)BitOperations.RoundUpToPowerOf2((uint)maxEntries * 2);
        _keys = new UInt128[size];
        _values = new int[size];
        _mask = size - 1;
        _limit = maxEntries;
    }

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>Entries it can hold.</summary>
    public int MaxEntries => _limit;

    /// <summary>Looks a token up. <see cref="IdToken.None"/> is never found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(IdToken key, out int value)
    {
        if (!key.IsNone)
        {
            int i = (int)key.Mix() & _mask;
            while (true)
            {
                UInt128 k = _keys[i];
                if (k == key.Value)
                {
                    value = _values[i];
                    return true;
                }

                if (k == UInt128.Zero)
                {
                    break;
                }

                i = (i + 1) & _mask;
            }
        }

        value = -1;
        return false;
    }

    /// <summary>Adds a new key. False when the key is present already, is none, or the index is full.</summary>
    public bool TryAdd(IdToken key, int value)
    {
        if (key.IsNone || _count >= _limit)
        {
            return false;
        }

        int i = (int)key.Mix() & _mask;
        while (_keys[i] != UInt128.Zero)
        {
            if (_keys[i] == key.Value)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }

        _keys[i] = key.Value;
        _values[i] = value;
        _count++;
        return true;
    }

    /// <summary>Removes a key; false when absent.</summary>
    public bool Remove(IdToken key)
    {
        if (key.IsNone)
        {
            return false;
        }

        int i = (int)key.Mix() & _mask;
        while (_keys[i] != key.Value)
        {
            if (_keys[i] == UInt128.Zero)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }

        // Backward-shift: pull later entries of the probe run into the hole so no tombstone is needed.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (_keys[j] == UInt128.Zero)
            {
                break;
            }

            int home = (int)new IdToken(_keys[j]).Mix() & _mask;
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                _keys[hole] = _keys[j];
                _values[hole] = _values[j];
                hole = j;
            }
        }

        _keys[hole] = UInt128.Zero;
        _values[hole] = 0;
        _count--;
        return true;
    }

    /// <summary>Buckets in the table (for enumeration with <see cref="TryGetBucket"/>).</summary>
    public int BucketCount => _keys.Length;

    /// <summary>The entry in a bucket, if any (snapshots enumerate the index this way).</summary>
    public bool TryGetBucket(int bucket, out IdToken key, out int value)
    {
        key = new IdToken(_keys[bucket]);
        value = _values[bucket];
        return !key.IsNone;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
        _count = 0;
    }
}
