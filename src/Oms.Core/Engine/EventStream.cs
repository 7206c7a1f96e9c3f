using System.Numerics;
using System.Runtime.CompilerServices;
using Oms.Ring;

namespace Oms.Engine;

/// <summary>
/// A stream of <see cref="OmsEvent"/>s from the engine to one consumer: a strategy's events, or the operator's
/// anomalies. A preallocated single-producer, single-consumer queue whose slots say themselves when they hold
/// a new event, so the consumer waits on the event's own first cache line rather than on a cursor.
/// </summary>
/// <remarks>
/// <para>Threading: the engine thread is the one producer; exactly one consumer thread calls
/// <see cref="TryRead"/> or <see cref="Drain{THandler}"/>. <see cref="Count"/> may be read from any thread.</para>
/// <para>Publication: every event carries its number in the stream, <see cref="OmsEvent.Sequence"/>, which only
/// grows (by one, or by more where events were dropped). The engine writes an event's other fields first and
/// its <see cref="OmsEvent.Sequence"/> last, as a release store; the consumer reads the sequence of the slot
/// it reads next, and a value at or above the one it expects (one past the last it read) means the slot holds
/// a new event whose every field is visible. A slot still holding an event of the previous lap shows a lower
/// number, and the engine writes a slot again only after the consumer has moved past it.</para>
/// <para>Why in the slot: with a cursor, an event reached the consumer in two dependent cache-line transfers
/// (the cursor's line, then the slot's); polling the slot takes one. The engine stages the event and copies it
/// into the slot in one burst, so the consumer's polls do not take the line back between its stores. Measured
/// in the latency harness (decision 0014).</para>
/// <para>Writes never block: a full stream makes <see cref="TryClaim"/> return false and the engine counts the
/// event as dropped (<see cref="EngineCounters.DroppedEvents"/>); its number is used all the same, so the
/// consumer sees the gap.</para>
/// </remarks>
public sealed class EventStream
{
    /// <summary>Bytes of an event before its <see cref="OmsEvent.Sequence"/> (a layout test holds it).</summary>
    internal const int SequenceOffset = 24;
    private const int AfterSequence = SequenceOffset + sizeof(long);
    private const int EventSize = 192;

    // Line-aligned and padded at both ends (SlotStorage), as the ring's and the other queues' slots.
    private readonly SlotStorage<OmsEvent> _slots;
    private readonly int _capacity;
    private readonly int _mask;
    private readonly long _hugePageBytes;
    private PaddedSequence _tail;      // producer-owned: next position to write; read only by Count
    private PaddedSequence _headCache; // producer's cached copy of _head
    private PaddedSequence _head;      // consumer-owned: next position to read
    private PaddedSequence _expected;  // consumer-owned: the lowest event number a new event can carry

    /// <summary>Creates a stream of <paramref name="capacity"/> slots (a power of two, at least 2).</summary>
    /// <param name="capacity">Slots: a power of two, at least 2.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the slots when they take at least 4 MiB (see <see cref="OmsEngineOptions.HugePages"/>).</param>
    public EventStream(int capacity, bool hugePages = false)
    {
        if (capacity < 2 || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "stream capacity must be a power of two >= 2");
        }

        _capacity = capacity;
        _mask = capacity - 1;
        _slots = new SlotStorage<OmsEvent>(capacity, hugePages, ref _hugePageBytes);
        _expected.Value = 1;
    }

    /// <summary>The slots' storage (layout tests).</summary>
    internal SlotStorage<OmsEvent> Slots => _slots;

    /// <summary>Bytes of its slots the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes;

    /// <summary>The number of slots.</summary>
    public int Capacity => _capacity;

    /// <summary>Events written and not yet read (a racy snapshot; any thread).</summary>
    public long Count => Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value);

    /// <summary>Reserves the next slot for the producer; false when the stream is full. Engine thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryClaim(out long at) => SingleProducerClaim.TryClaim(ref _tail, ref _headCache, ref _head, _capacity, out at);

    /// <summary>
    /// Copies <paramref name="e"/> into the claimed slot <paramref name="at"/>, its sequence last, which
    /// publishes it; then asks for the next slot's lines. Engine thread only.
    /// </summary>
    /// <remarks>
    /// The event's number must exceed every number published before it (the engine's per-stream counter
    /// guarantees it). Why the prefetch: in a large stream a slot's lines have left the cache by the time it
    /// comes round again, and a store waiting on one would hold back the stores behind it (x86 makes stores
    /// visible in order).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Publish(long at, in OmsEvent e)
    {
        ref OmsEvent slot = ref _slots[(int)(at & _mask)];
        ref byte to = ref Unsafe.As<OmsEvent, byte>(ref slot);
        ref byte from = ref Unsafe.As<OmsEvent, byte>(ref Unsafe.AsRef(in e));
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref to, AfterSequence), ref Unsafe.Add(ref from, AfterSequence),
            EventSize - AfterSequence);
        Unsafe.CopyBlockUnaligned(ref to, ref from, SequenceOffset);
        Volatile.Write(ref slot.Sequence, e.Sequence);
        Volatile.Write(ref _tail.Value, at + 1);
        _slots.Prefetch((int)((at + 1) & _mask));
    }

    /// <summary>Copies the next event out; false when there is none yet. Consumer thread only.</summary>
    public bool TryRead(out OmsEvent item)
    {
        long head = _head.Value;
        ref OmsEvent slot = ref _slots[(int)(head & _mask)];
        long sequence = Volatile.Read(ref slot.Sequence);
        if (sequence < _expected.Value)
        {
            item = default;
            return false;
        }

        item = slot;
        _expected.Value = sequence + 1;
        Volatile.Write(ref _head.Value, head + 1);
        return true;
    }

    /// <summary>
    /// Hands up to <paramref name="limit"/> events to the handler in order, each by reference to its slot (read
    /// it, do not keep the reference past the call or write through it). Consumer thread only.
    /// </summary>
    /// <returns>How many events the handler saw.</returns>
    public int Drain<THandler>(ref THandler handler, int limit) where THandler : struct, IRingHandler<OmsEvent>
    {
        long head = _head.Value;
        long expected = _expected.Value;
        int count = 0;
        while (count < limit)
        {
            ref OmsEvent slot = ref _slots[(int)((head + count) & _mask)];
            long sequence = Volatile.Read(ref slot.Sequence);
            if (sequence < expected)
            {
                break;
            }

            handler.OnMessage(ref slot, head + count);
            expected = sequence + 1;
            count++;
        }

        if (count > 0)
        {
            _expected.Value = expected;
            Volatile.Write(ref _head.Value, head + count);
        }

        return count;
    }
}
