using System.Runtime.CompilerServices;
using Oms.Ring;

namespace Oms.Tables;

/// <summary>
/// One column of the order table that every report reads, indexed by pointer without a bounds check (unless
/// <see cref="Checks.Enabled"/>): one pinned, zeroed block whose first element starts on a cache-line boundary.
/// Every index must already be a row of the table (0 to length − 1); see the remarks for who guarantees it.
/// </summary>
/// <remarks>
/// <para>
/// Why: a managed array's elements start at any multiple of 8, so in a column of 16-byte elements one in four can
/// span two lines, and a report then waits on two misses where the look-ahead asked for one; in a 1,000,000-order
/// engine four of these five columns started so. Line-aligned and indexed with a bounds check against a length
/// field, the report path's loop was about 5% faster at 1,000,000 live and no faster at 10,000; without the check,
/// about 12% and 7% faster (docs/decisions/0011-unchecked-report-columns.md).
/// </para>
/// <para>
/// The invariant: the order table hands out rows only from 0 to its capacity − 1, and every row number the
/// engine holds came from the table (its ClOrdID and venue OrderID indexes, its live lists, an
/// <see cref="Oms.Domain.OrderId"/> checked by <see cref="OrderTable.TryResolve"/>). A snapshot is the one
/// outside source of row numbers, and <see cref="OrderTable.ReadSnapshot"/> checks each against the table's
/// rows before using it. With <see cref="Checks.Enabled"/> (every test run) each access checks the range.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal readonly unsafe struct UncheckedColumn<T>
    where T : unmanaged
{
    private readonly SlotStorage<T> _elements; // pinned, line-aligned, indexed by pointer
    private readonly int _length;

    /// <summary>Allocates <paramref name="length"/> zeroed, committed elements.</summary>
    /// <param name="length">Elements.</param>
    /// <param name="hugePages">Ask for 2 MiB pages when the block takes at least 4 MiB (see <see cref="HugePages"/>).</param>
    /// <param name="hugePageBytes">Incremented by the bytes the kernel accepted the advice for.</param>
    public UncheckedColumn(int length, bool hugePages, ref long hugePageBytes)
    {
        _elements = new SlotStorage<T>(length, hugePages, ref hugePageBytes);
        _length = length;
    }

    /// <summary>Elements.</summary>
    public int Length => _length;

    /// <summary>The element at <paramref name="index"/> (0 to <see cref="Length"/> − 1; checked only when <see cref="Checks.Enabled"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the column, with the checks on.</exception>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Checks.Enabled && (uint)index >= (uint)_length)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(index), "Invariant: a row number the order table handed out");
            }

            return ref _elements[index];
        }
    }

    /// <summary>Asks for the line of element <paramref name="index"/> (in range: the caller checks). Changes nothing.</summary>
    /// <remarks>One line: an element whose size divides 64 never spans two in a line-aligned block.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int index) => Oms.Prefetch.Line(Unsafe.AsPointer(ref _elements[index]));

    /// <summary>True when the first element starts on a 64-byte boundary (tests; the block's padding is
    /// <see cref="SlotStorage{T}"/>'s, which the ring layout tests check).</summary>
    internal bool IsLineAligned => _elements.IsLineAligned;
}
