using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Oms;

/// <summary>
/// Allocates the engine's preallocated arrays committed: every page faulted in when the engine is built, so
/// no page fault ever waits on the engine thread. The large ones are also advised for 2 MiB pages:
/// pinned, advised with <c>madvise(MADV_HUGEPAGE)</c>, then zeroed (the first touch, which faults the pages in).
/// </summary>
/// <remarks>
/// <para>Why commit: a fresh array is backed by pages the OS maps on first write (a minor page fault, about 1.5 µs
/// on the development VM; the runtime skips zeroing memory it knows the OS zeroed). Left to the hot path,
/// the first message that touches each page of a table pays for it: a fresh engine sized for 8,192 orders took
/// 2,074 faults in its first 32,768 messages, which cost it about 1.7× (docs/decisions/0009-commit-every-table.md).</para>
/// <para>Why huge pages: a random lookup in a table of hundreds of megabytes (the ExecID index, a million-row order
/// table) misses the TLB as well as the cache on 4 KiB pages, and the page walk is paid before the line is
/// even requested; a software prefetch needs the same walk. Linux gives transparent huge pages to anonymous
/// memory either always or, the common default (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> =
/// <c>madvise</c>), only where the process asks; the .NET runtime never asks.</para>
/// <para>The advice is best effort: on other systems, with THP set to <c>never</c>, or when the kernel has no
/// free huge page, the table works on small pages exactly as before. Only arrays of at least
/// <see cref="MinBytes"/> are advised; smaller ones are committed on small pages. Construction time only.</para>
/// </remarks>
internal static partial class HugePages
{
    /// <summary>Arrays this large or larger are advised (two huge pages: anything smaller holds no whole aligned one).</summary>
    public const long MinBytes = 4L << 20;

    private const long HugePageBytes = 2L << 20;
    private const int MadvHugePage = 14;

    /// <summary>
    /// A zeroed array of <paramref name="length"/> elements with every page committed, advised for huge pages
    /// when <paramref name="advise"/> and large enough; the bytes the kernel accepted the advice for (the array's
    /// 2 MiB-aligned interior) are added to <paramref name="advisedBytes"/>. With <paramref name="pinned"/>, the
    /// array never moves even when it is not advised (callers that keep pointers into it).
    /// </summary>
    public static T[] Allocate<T>(int length, bool advise, ref long advisedBytes, bool pinned = false)
        where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (!advise || bytes < MinBytes || !OperatingSystem.IsLinux())
        {
            return Committed<T>(length, pinned);
        }

        // Pinned (the pinned-object heap never moves it), so the advice stays on the array's own pages; not
        // zeroed by the runtime, so no page is touched before the advice.
        T[] array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        advisedBytes += Advise(array, bytes);
        array.AsSpan().Clear();
        return array;
    }

    /// <summary>A zeroed array of <paramref name="length"/> elements with every page committed, on small pages.</summary>
    public static T[] Committed<T>(int length, bool pinned = false)
        where T : unmanaged
    {
        // Uninitialised, then cleared: the clear writes every page, where a zeroed allocation of fresh memory would
        // leave them for the first message to fault in; it zeroes each byte once either way.
        T[] array = GC.AllocateUninitializedArray<T>(length, pinned);
        array.AsSpan().Clear();
        return array;
    }

    private static unsafe long Advise<T>(T[] array, long bytes)
        where T : unmanaged
    {
        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        long first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        long end = (start + bytes) & ~(HugePageBytes - 1);
        if (end <= first)
        {
            return 0;
        }

        try
        {
            return Madvise((nint)first, (nuint)(end - first), MadvHugePage) == 0 ? end - first : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc madvise: small pages, as without the advice.
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
