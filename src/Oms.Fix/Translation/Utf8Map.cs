namespace Oms.Fix;

/// <summary>
/// A growable map from UTF-8 byte strings to values, so the edge can look up names it has seen without
/// making a <see cref="string"/>. Open addressing with linear probing, load ≤ ½; keys live in one byte arena.
/// </summary>
/// <remarks>Single-threaded. Only <see cref="Add"/> allocates, and only when it grows.</remarks>
internal sealed class Utf8Map<TValue>
{
    private int[] _buckets = new int[64]; // entry index + 1; 0 = empty
    private int[] _hashes = new int[32];
    private int[] _keyStart = new int[32];
    private int[] _keyLength = new int[32];
    private TValue[] _values = new TValue[32];
    private byte[] _keys = new byte[1024];
    private int _keyBytes;
    private int _count;

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>The value of <paramref name="key"/>; false when absent.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out TValue value)
    {
        int hash = Hash(key);
        int mask = _buckets.Length - 1;
        for (int b = hash & mask; ; b = (b + 1) & mask)
        {
            int e = _buckets[b] - 1;
            if (e < 0)
            {
                value = default!;
                return false;
            }

            if (_hashes[e] == hash && key.SequenceEqual(_keys.AsSpan(_keyStart[e], _keyLength[e])))
            {
                value = _values[e];
                return true;
            }
        }
    }

    /// <summary>Adds a key that is not present.</summary>
    public void Add(ReadOnlySpan<byte> key, TValue value)
    {
        if (_count == _hashes.Length)
        {
            GrowEntries();
        }

        if (_keyBytes + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keyBytes + key.Length));
        }

        int e = _count++;
        key.CopyTo(_keys.AsSpan(_keyBytes));
        _hashes[e] = Hash(key);
        _keyStart[e] = _keyBytes;
        _keyLength[e] = key.Length;
        _values[e] = value;
        _keyBytes += key.Length;
        if (_count * 2 > _buckets.Length)
        {
            _buckets = new int[_buckets.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                Place(i);
            }
        }
        else
        {
            Place(e);
        }
    }

    private void Place(int entry)
    {
        int mask = _buckets.Length - 1;
        int b = _hashes[entry] & mask;
        while (_buckets[b] != 0)
        {
            b = (b + 1) & mask;
        }

        _buckets[b] = entry + 1;
    }

    private void GrowEntries()
    {
        int n = _hashes.Length * 2;
        Array.Resize(ref _hashes, n);
        Array.Resize(ref _keyStart, n);
        Array.Resize(ref _keyLength, n);
        Array.Resize(ref _values, n);
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode();
    }
}
