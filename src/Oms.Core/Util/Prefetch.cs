using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Oms;

/// <summary>
/// Software prefetch: asks the CPU to bring a cache line into every level of its cache ahead of the load or
/// store that will need it. The one spelling the engine's tables, indexes and queues share.
/// </summary>
/// <remarks>
/// A prefetch never faults and changes no state, so a stale address (the GC moved an unpinned array after the
/// address was taken) or a line that is already cached costs at most the instruction. A no-op where SSE is not
/// supported (the JIT drops the body).
/// </remarks>
internal static unsafe class Prefetch
{
    /// <summary>The line holding <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Line(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    /// <summary>Every line the <paramref name="bytes"/> bytes from <paramref name="start"/> touch (at least one byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Range(void* start, int bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        nint line = (nint)start & ~(nint)63;
        nint last = ((nint)start + bytes - 1) & ~(nint)63;
        for (; line <= last; line += 64)
        {
            Sse.Prefetch0((void*)line);
        }
    }

    /// <summary>The line holding element <paramref name="index"/> of <paramref name="column"/> (in range: the caller checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Element<T>(T[] column, int index)
        where T : unmanaged
    {
        if (Checks.Enabled && (uint)index >= (uint)column.Length)
        {
            ThrowHelper.ThrowInvariant("the caller keeps a prefetched index in range");
        }

        Line(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(column), index)));
    }
}
