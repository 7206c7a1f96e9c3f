using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Oms;

/// <summary>
/// Allocates the engine's large tables so that the kernel can back them with 2 MiB pages: pinned, advised
/// with <c>madvise(MADV_HUGEPAGE)</c>, then zeroed (the first touch, which faults the pages in).
/// </summary>
/// <remarks>
/// <para>Why: a random lookup in a table of hundreds of megabytes (the ExecID index, a million-row order
/// table) misses the TLB as well as the cache on 4 KiB pages, and the page walk is paid before the line is
/// even requested; a software prefetch needs the same walk. Linux gives transparent huge pages to anonymous
/// memory either always or, the common default (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> =
/// <c>madvise</c>), only where the process asks; the .NET runtime never asks.</para>
/// <para>The advice is best effort: on other systems, with THP set to <c>never</c>, or when the kernel has no
/// free huge page, the table works on small pages exactly as before. Only arrays of at least
/// <see cref="MinBytes"/> are treated so; smaller ones are ordinary arrays. Construction time only.</para>
/// </remarks>
internal static partial class HugePages
{
    /// <summary>Arrays this large or larger are advised (two huge pages: anything smaller holds no whole aligned one).</summary>
    public const long MinBytes = 4L << 20;

    private const long HugePageBytes = 2L << 20;
    private const int MadvHugePage = 14;

    /// <summary>
    /// A zeroed array of <paramref name="length"/> elements, advised for huge pages when <paramref name="advise"/>
    /// and large enough; the bytes the kernel accepted the advice for (the array's 2 MiB-aligned interior) are
    /// added to <paramref name="advisedBytes"/>. With <paramref name="pinned"/>, the array never moves even when
    /// it is not advised (callers that keep pointers into it).
    /// </summary>
    public static T[] Allocate<T>(int length, bool advise, ref long advisedBytes, bool pinned = false)
        where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (!advise || bytes < MinBytes || !OperatingSystem.IsLinux())
        {
            return pinned ? GC.AllocateArray<T>(length, pinned: true) : new T[length];
        }

        // Pinned (the pinned-object heap never moves it), so the advice stays on the array's own pages; not
        // zeroed by the runtime, so no page is touched before the advice.
        T[] array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        advisedBytes += Advise(array, bytes);
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
