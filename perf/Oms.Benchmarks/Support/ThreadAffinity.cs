using System.Runtime.InteropServices;

namespace Oms.Benchmarks.Support;

/// <summary>Pins the calling thread to one CPU (Linux only; elsewhere a no-op that returns false).</summary>
/// <remarks>
/// .NET has no per-thread affinity on Linux (<c>ProcessThread.ProcessorAffinity</c> throws), so this calls
/// <c>sched_setaffinity(0, …)</c>, where pid 0 means the calling thread (docs/shared ecosystem notes §2.9).
/// </remarks>
public static class ThreadAffinity
{
    /// <summary>Pins the calling thread to <paramref name="cpu"/>; false when not possible.</summary>
    public static bool Pin(int cpu)
    {
        if (!OperatingSystem.IsLinux() || cpu < 0 || cpu >= Math.Min(64, Environment.ProcessorCount))
        {
            return false;
        }

        ulong mask = 1UL << cpu;
        return sched_setaffinity(0, sizeof(ulong), ref mask) == 0;
    }

    /// <summary>Lets the calling thread run on every CPU again.</summary>
    public static void Unpin()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int cpus = Math.Min(64, Environment.ProcessorCount);
        ulong mask = cpus == 64 ? ulong.MaxValue : (1UL << cpus) - 1;
        sched_setaffinity(0, sizeof(ulong), ref mask);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nuint size, ref ulong mask);
}
