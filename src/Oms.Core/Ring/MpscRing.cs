using System.Numerics;
using System.Runtime.CompilerServices;

namespace Oms.Ring;

/// <summary>
/// A preallocated multi-producer, single-consumer ring of fixed-size unmanaged slots in the Disruptor
/// pattern: a producer claims a sequence, writes the slot in place, then publishes it; the one consumer
/// drains published slots in sequence order, in batches with a limit.
/// </summary>
/// <remarks>
/// <para>Design: producers race on one claim cursor with a compare-and-swap, so claiming never blocks and
/// fails only when the ring is full (<see cref="TryClaim(out long)"/> returns false: back-pressure, never
/// loss). A producer that has several messages at hand (a decoded packet, a replay batch) claims them with one
/// compare-and-swap through <see cref="TryClaim(int, out long)"/>. Because producers publish out of claim
/// order, each slot carries an availability flag holding the lap number of the sequence last published into it
/// (Disruptor's available buffer); the consumer reads slots strictly in sequence, stopping at the first one not
/// yet published, so a message is consumed exactly once and messages from one producer keep that producer's
/// claim order.</para>
/// <para>In <see cref="ProducerMode.Single"/> the claim is a plain store instead, as in Disruptor's
/// single-producer sequencer: the compare-and-swap was most of the cost of moving a message between cores
/// (decision 0005). The first thread that claims owns a single-producer ring; a claim from any other thread
/// throws <see cref="InvalidOperationException"/> before touching the cursor, so misuse fails loudly instead of
/// handing one sequence to two producers. Flags and consumer are the same code in both modes.</para>
/// <para>The claim cursor, the consumer cursor and the producers' cached copy of the consumer cursor
/// each sit on their own padded cache lines. The slots start on a cache-line boundary (a 192-byte message
/// takes three lines, not four) and are padded at both ends so neighbouring heap objects never share a line
/// with the first or last slot (<see cref="SlotStorage{T}"/>).</para>
/// <para>Threading: in <see cref="ProducerMode.Multi"/> (the default), <see cref="TryClaim(out long)"/>,
/// <see cref="TryClaim(int, out long)"/>, the indexer on a claimed sequence, <see cref="Publish"/> and
/// <see cref="TryPublish"/> are safe from any number of threads; in <see cref="ProducerMode.Single"/>, from
/// the one owning thread.
/// <see cref="Drain{THandler}"/> must be called from one thread only. A producer that claims and never
/// publishes stalls the consumer at that sequence, so always publish what you claim.</para>
/// <para>Memory ordering: a publish is a release store of the availability flag; the consumer's acquire
/// read of that flag makes the whole slot visible. The consumer releases slots back to producers with a
/// release store of its cursor after the handler has returned for the whole batch.</para>
/// </remarks>
/// <typeparam name="T">The slot type: an unmanaged struct.</typeparam>
public sealed class MpscRing<T> where T : unmanaged
{
    private readonly SlotStorage<T> _slots;
    private readonly int[] _published;
    private readonly int _mask;
    private readonly int _shift;
    private readonly int _capacity;
    private readonly bool _single;
    private readonly long _hugePageBytes;
    // Single mode: the managed id of the owning producer thread (0 until the first claim).
    private int _owner;

    // Producer-shared claim cursor: the next sequence to hand out.
    private PaddedSequence _claim;
    // Producers' cached copy of _consumed, refreshed only when the ring looks full.
    private PaddedSequence _consumedCache;
    // Consumer-owned: the next sequence to read (= count of messages consumed).
    private PaddedSequence _consumed;

    /// <summary>Creates a ring with <paramref name="capacity"/> slots (a power of two, at least 2).</summary>
    /// <param name="capacity">Slots: a power of two, at least 2.</param>
    /// <param name="producers">Whether any number of threads publish (the default) or one thread only.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the slots when they take at least 4 MiB, committing them now (see <see cref="Engine.OmsEngineOptions.HugePages"/>).</param>
    public MpscRing(int capacity, ProducerMode producers = ProducerMode.Multi, bool hugePages = false)
    {
        if (producers is not (ProducerMode.Multi or ProducerMode.Single))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(producers), "producer mode must be Multi or Single");
        }

        if (capacity < 2 || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "ring capacity must be a power of two >= 2");
        }

        _capacity = capacity;
        _mask = capacity - 1;
        _shift = BitOperations.Log2((uint)capacity);
        _single = producers == ProducerMode.Single;
        _slots = new SlotStorage<T>(capacity, hugePages, ref _hugePageBytes);
        _published = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        Array.Fill(_published, -1);
    }

    /// <summary>The slots' storage (layout tests).</summary>
    internal SlotStorage<T> Slots => _slots;

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes;

    /// <summary>The number of slots.</summary>
    public int Capacity => _capacity;

    /// <summary>Whether any number of threads may publish, or one thread only.</summary>
    public ProducerMode Producers => _single ? ProducerMode.Single : ProducerMode.Multi;

    /// <summary>Messages claimed but not yet consumed (a racy snapshot; for metrics).</summary>
    public long Depth => Volatile.Read(ref _claim.Value) - Volatile.Read(ref _consumed.Value);

    /// <summary>The next sequence the consumer will read: the count of messages consumed so far.</summary>
    public long ConsumedCount => Volatile.Read(ref _consumed.Value);

    /// <summary>Claims one slot. False when the ring is full; never blocks.</summary>
    /// <param name="sequence">The claimed sequence; write the slot through <see cref="this[long]"/>, then <see cref="Publish"/> it.</param>
    /// <exception cref="InvalidOperationException">A single-producer ring, claimed from a thread other than its owner.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence) => TryClaim(1, out sequence);

    /// <summary>
    /// Claims <paramref name="count"/> consecutive slots at once. False when fewer are free (nothing is
    /// claimed then); never blocks. Write and publish every one of them: the consumer stops at the first
    /// sequence not published.
    /// </summary>
    /// <param name="count">Slots to claim: 1 to <see cref="Capacity"/>.</param>
    /// <param name="first">The first claimed sequence; the others follow it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in 1..<see cref="Capacity"/>.</exception>
    /// <exception cref="InvalidOperationException">A single-producer ring, claimed from a thread other than its owner.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(int count, out long first)
    {
        if ((uint)(count - 1) >= (uint)_capacity)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(count), "claim 1 to Capacity slots");
        }

        if (_single)
        {
            if (Environment.CurrentManagedThreadId != _owner)
            {
                TakeOwnership();
            }

            // Only this thread writes the claim cursor: a plain store, released to the consumer by the
            // availability flags it publishes.
            long current = _claim.Value;
            long last = current + count - 1;
            if (last - _capacity >= _consumedCache.Value && !HasRoomSlow(last))
            {
                first = -1;
                return false;
            }

            _claim.Value = current + count;
            first = current;
            return true;
        }

        while (true)
        {
            long current = Volatile.Read(ref _claim.Value);
            long last = current + count - 1;
            if (last - _capacity >= Volatile.Read(ref _consumedCache.Value) && !HasRoomSlow(last))
            {
                first = -1;
                return false;
            }

            if (Interlocked.CompareExchange(ref _claim.Value, current + count, current) == current)
            {
                first = current;
                return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TakeOwnership()
    {
        int me = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref _owner, me, 0);
        if (owner != 0 && owner != me)
        {
            throw new InvalidOperationException(
                $"A single-producer ring is owned by managed thread {owner}; thread {me} may not claim from it (use ProducerMode.Multi)");
        }
    }

    // True when sequence `last` fits: it must be less than a capacity ahead of the consumer.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasRoomSlow(long last)
    {
        long consumed = Volatile.Read(ref _consumed.Value);
        Volatile.Write(ref _consumedCache.Value, consumed);
        return last - _capacity < consumed;
    }

    /// <summary>The slot of a claimed (or, for the consumer, published) sequence, by reference.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _slots[(int)(sequence & _mask)];
    }

    /// <summary>
    /// True when <paramref name="sequence"/> is published and not yet consumed, so the consumer may read its
    /// slot (to look ahead within a drain). Consumer thread only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsPublished(long sequence) =>
        Volatile.Read(ref _published[(int)(sequence & _mask)]) == (int)(sequence >> _shift);

    /// <summary>Publishes a claimed sequence: the consumer may read it from now on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence) =>
        Volatile.Write(ref _published[(int)(sequence & _mask)], (int)(sequence >> _shift));

    /// <summary>Claims, copies <paramref name="message"/> in and publishes. False when full; never blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPublish(in T message)
    {
        if (!TryClaim(out long sequence))
        {
            return false;
        }

        this[sequence] = message;
        Publish(sequence);
        return true;
    }

    /// <summary>
    /// Hands up to <paramref name="limit"/> published messages, in sequence order, to the handler, then
    /// releases their slots to producers. Returns how many were handled. Single consumer thread only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Drain<THandler>(ref THandler handler, int limit) where THandler : struct, IRingHandler<T>
    {
        long next = _consumed.Value;
        int count = 0;
        while (count < limit && IsPublished(next + count))
        {
            long sequence = next + count;
            handler.OnMessage(ref _slots[(int)(sequence & _mask)], sequence);
            count++;
        }

        if (count > 0)
        {
            if (Checks.Enabled && next + count > Volatile.Read(ref _claim.Value))
            {
                ThrowHelper.ThrowInvariant("never consume past the claim cursor");
            }

            Volatile.Write(ref _consumed.Value, next + count);
        }

        return count;
    }
}

/// <summary>Who publishes into an <see cref="MpscRing{T}"/>.</summary>
public enum ProducerMode
{
    /// <summary>Any number of threads: claims race on a compare-and-swap.</summary>
    Multi = 0,

    /// <summary>One thread only, the first that claims: claims are plain stores; another thread's claim throws.</summary>
    Single = 1,
}
