using System.Runtime.CompilerServices;

namespace Oms.Ring;

/// <summary>
/// The slots of a ring, queue or index, or the elements of an order-table column (<c>UncheckedColumn</c>): one
/// pinned, zeroed block in which the first slot starts on a cache-line boundary, with at least
/// <see cref="PaddedSequence.Padding"/> bytes of the block's own before the first slot and after the last, so no
/// other object shares a line with either.
/// </summary>
/// <remarks>
/// Why aligned: a managed array's elements start 16 bytes past its header, wherever the allocator put it, so a
/// 192-byte message or event whose slots begin mid-line spans four lines instead of three. The producer writes
/// and the consumer reads every line a slot spans; one line in four is pure overhead on both sides and on the
/// path between them. Pinned (the pinned-object heap never moves it) so the slots are addressed by pointer,
/// without bounds checks: every caller masks its index into range first.
/// </remarks>
/// <typeparam name="T">The slot type.</typeparam>
internal readonly unsafe struct SlotStorage<T>
    where T : unmanaged
{
    private readonly CacheLine[] _block; // owns the memory; _first points into it
    private readonly T* _first;
    private readonly int _count;

    /// <summary>Allocates <paramref name="count"/> zeroed slots.</summary>
    /// <param name="count">Slots.</param>
    /// <param name="hugePages">Ask for 2 MiB pages when the block takes at least 4 MiB (see <see cref="HugePages"/>).</param>
    /// <param name="hugePageBytes">Incremented by the bytes the kernel accepted the advice for.</param>
    public SlotStorage(int count, bool hugePages, ref long hugePageBytes)
    {
        long bytes = (long)count * sizeof(T);
        // Padding on both sides, plus up to a line of slack to align the first slot.
        long lines = ((bytes + (2 * PaddedSequence.Padding) + 63) / 64) + 1;
        _block = HugePages.Allocate<CacheLine>(checked((int)lines), hugePages, ref hugePageBytes, pinned: true);
        byte* start = (byte*)Unsafe.AsPointer(ref _block[0]) + PaddedSequence.Padding;
        _first = (T*)(((nint)start + 63) & ~(nint)63);
        _count = count;
    }

    /// <summary>The slot at <paramref name="index"/> (0 to count − 1; not checked).</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _first[index];
    }

    /// <summary>Asks for every line of the slot at <paramref name="index"/> (0 to count − 1; not checked). Changes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int index)
    {
        // Every line the slot touches: only the first slot is sure to start on a line boundary (sizes need not be multiples of 64).
        Oms.Prefetch.Range(_first + index, sizeof(T));
    }

    /// <summary>Bytes of the block before the first slot (tests).</summary>
    internal long PaddingBefore => (byte*)_first - (byte*)Unsafe.AsPointer(ref _block[0]);

    /// <summary>Bytes of the block after the last slot (tests).</summary>
    internal long PaddingAfter => ((long)_block.Length * sizeof(CacheLine)) - PaddingBefore - ((long)_count * sizeof(T));

    /// <summary>Every slot's bytes (an index clears them; tests fill them with garbage).</summary>
    internal Span<byte> SlotBytes => new(_first, checked(_count * sizeof(T)));

    /// <summary>True when the first slot starts on a 64-byte boundary (tests).</summary>
    internal bool IsLineAligned => ((nint)_first & 63) == 0;
}

/// <summary>64 bytes: the unit <see cref="SlotStorage{T}"/> allocates in.</summary>
[InlineArray(8)]
internal struct CacheLine
{
    private long _element0;
}
