using System.Runtime.CompilerServices;
using Oms.Ring;

namespace Oms.Tables;

/// <summary>
/// One column of a table whose first element starts on a cache-line boundary, so an element of 8, 16, 32 or 64
/// bytes never spans two lines. Indexed with a bounds check, as an array is.
/// </summary>
/// <remarks>
/// Why: a managed array's elements start 16 bytes past its header, wherever the allocator put it (any multiple of
/// 8), so in a column of 16-byte elements one in four can straddle two lines, and a report then waits on two
/// misses where one was asked for ahead. Pinned (the pinned-object heap never moves it) so the elements are
/// addressed by pointer.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal readonly unsafe struct AlignedColumn<T>
    where T : unmanaged
{
    private readonly CacheLine[] _block; // owns the memory; _first points into it
    private readonly T* _first;
    private readonly int _length;

    /// <summary>Allocates <paramref name="length"/> zeroed, committed elements.</summary>
    public AlignedColumn(int length, bool hugePages, ref long hugePageBytes)
    {
        long bytes = (long)length * sizeof(T);
        long lines = ((bytes + 63) / 64) + 1;
        _block = HugePages.Allocate<CacheLine>(checked((int)lines), hugePages, ref hugePageBytes, pinned: true);
        _first = (T*)(((nint)Unsafe.AsPointer(ref _block[0]) + 63) & ~(nint)63);
        _length = length;
    }

    /// <summary>Elements.</summary>
    public int Length => _length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to <see cref="Length"/> − 1.</exception>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_length)
            {
                ThrowIndex();
            }

            return ref _first[index];
        }
    }

    /// <summary>Asks for the line of element <paramref name="index"/> (in range: the caller checks). Changes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int index) => Oms.Prefetch.Line(_first + index);

    /// <summary>True when the first element starts on a 64-byte boundary (tests).</summary>
    internal bool IsLineAligned => ((nint)_first & 63) == 0;

    private static void ThrowIndex() => ThrowHelper.ThrowArgumentOutOfRange("index", "outside the column");
}
