using System.Numerics;
using System.Runtime.CompilerServices;

namespace Oms.Ring;

/// <summary>
/// A preallocated single-producer, single-consumer queue of unmanaged slots: the engine's outputs
/// (per-strategy event streams, per-venue outbound commands, the anomaly stream).
/// </summary>
/// <remarks>
/// Threading: exactly one producer thread calls <see cref="TryWrite"/>/<see cref="TryClaim"/>+<see cref="Commit"/>,
/// exactly one consumer thread calls <see cref="TryRead"/>/<see cref="Drain{THandler}"/>. The producer's tail and the
/// consumer's head sit on separate padded lines; each side keeps a cached copy of the other's cursor and
/// re-reads it only when the queue looks full (producer) or empty (consumer). Writes never block: a full
/// queue returns false and the caller decides (the engine refuses the command or counts the overrun).
/// </remarks>
/// <typeparam name="T">The slot type.</typeparam>
public sealed class SpscQueue<T> where T : unmanaged
{
    // Line-aligned and padded at both ends, as MpscRing's (SlotStorage).
    private readonly SlotStorage<T> _slots;
    private readonly int _capacity;
    private readonly int _mask;
    private readonly long _hugePageBytes;
    private PaddedSequence _tail;       // producer-owned: next sequence to write
    private PaddedSequence _headCache;  // producer's cached copy of _head
    private PaddedSequence _head;       // consumer-owned: next sequence to read
    private PaddedSequence _tailCache;  // consumer's cached copy of _tail

    /// <summary>Creates a queue of <paramref name="capacity"/> slots (a power of two, at least 2).</summary>
    /// <param name="capacity">Slots: a power of two, at least 2.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the slots when they take at least 4 MiB, committing them now (see <see cref="Engine.OmsEngineOptions.HugePages"/>).</param>
    public SpscQueue(int capacity, bool hugePages = false)
    {
        if (capacity < 2 || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "queue capacity must be a power of two >= 2");
        }

        _capacity = capacity;
        _slots = new SlotStorage<T>(capacity, hugePages, ref _hugePageBytes);
        _mask = capacity - 1;
    }

    /// <summary>The slots' storage (layout tests).</summary>
    internal SlotStorage<T> Slots => _slots;

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes;

    /// <summary>The number of slots.</summary>
    public int Capacity => _capacity;

    /// <summary>Items written and not yet read (a racy snapshot).</summary>
    public long Count => Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value);

    /// <summary>True when the producer can write at least <paramref name="n"/> more items now.</summary>
    public bool HasRoomFor(int n)
    {
        long tail = _tail.Value;
        if (tail + n - _headCache.Value <= _capacity)
        {
            return true;
        }

        _headCache.Value = Volatile.Read(ref _head.Value);
        return tail + n - _headCache.Value <= _capacity;
    }

    /// <summary>How many items the producer can write now without the queue being full (producer thread).</summary>
    public int FreeSlots()
    {
        _headCache.Value = Volatile.Read(ref _head.Value);
        return (int)(_capacity - (_tail.Value - _headCache.Value));
    }

    /// <summary>Reserves the next slot for the producer to fill in place; false when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence) => SingleProducerClaim.TryClaim(ref _tail, ref _headCache, ref _head, _capacity, out sequence);

    /// <summary>The slot for a claimed or readable sequence.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _slots[(int)(sequence & _mask)];
    }

    /// <summary>
    /// Makes the claimed slot visible to the consumer, then asks for the next slot's lines so the next write
    /// finds them in cache.
    /// </summary>
    /// <remarks>
    /// Why the prefetch: a slot is written again only after the whole queue has cycled through, so in a large
    /// queue its lines have left the cache by then. Stores become visible in program order (x86), so a store
    /// waiting on such a line would also hold back the release of the tail behind it, and the consumer would
    /// see the item a memory round trip late. Asked for here, the lines arrive while the producer is between
    /// writes. A prefetch changes no state, so it is harmless even when that slot still holds an item the
    /// consumer has not read.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Commit(long sequence)
    {
        Volatile.Write(ref _tail.Value, sequence + 1);
        _slots.Prefetch((int)((sequence + 1) & _mask));
    }

    /// <summary>Copies an item in; false when full. Producer thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWrite(in T item)
    {
        if (!TryClaim(out long sequence))
        {
            return false;
        }

        _slots[(int)(sequence & _mask)] = item;
        Commit(sequence);
        return true;
    }

    /// <summary>Copies the next item out; false when empty. Consumer thread only.</summary>
    public bool TryRead(out T item)
    {
        long head = _head.Value;
        if (head >= _tailCache.Value)
        {
            _tailCache.Value = Volatile.Read(ref _tail.Value);
            if (head >= _tailCache.Value)
            {
                item = default;
                return false;
            }
        }

        item = _slots[(int)(head & _mask)];
        Volatile.Write(ref _head.Value, head + 1);
        return true;
    }

    /// <summary>Hands up to <paramref name="limit"/> items to the handler in order. Consumer thread only.</summary>
    public int Drain<THandler>(ref THandler handler, int limit) where THandler : struct, IRingHandler<T>
    {
        long head = _head.Value;
        long tail = Volatile.Read(ref _tail.Value);
        int count = (int)Math.Min(limit, tail - head);
        for (int i = 0; i < count; i++)
        {
            handler.OnMessage(ref _slots[(int)((head + i) & _mask)], head + i);
        }

        if (count > 0)
        {
            Volatile.Write(ref _head.Value, head + count);
        }

        return count;
    }
}
