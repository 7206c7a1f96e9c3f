using System.Runtime.InteropServices;

namespace Oms.Hosting;

/// <summary>Pins the calling thread to one CPU (Linux <c>sched_setaffinity</c>); elsewhere it says why it cannot.</summary>
internal static partial class CpuAffinity
{
    private const int MaxCpus = 1024;

    /// <summary>Pins the calling thread to <paramref name="cpu"/>. False, with the reason, when the OS has no such call or refuses.</summary>
    public static bool TryPinCurrentThread(int cpu, out string? problem)
    {
        if (!OperatingSystem.IsLinux())
        {
            problem = $"CPU pinning is implemented for Linux only (this is {RuntimeInformation.OSDescription})";
            return false;
        }

        if ((uint)cpu >= MaxCpus)
        {
            problem = $"CPU {cpu} is outside 0..{MaxCpus - 1}";
            return false;
        }

        Span<ulong> mask = stackalloc ulong[MaxCpus / 64];
        mask.Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        try
        {
            // pid 0 = the calling thread (Linux affinity is per thread).
            if (SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                problem = $"sched_setaffinity(CPU {cpu}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            problem = $"sched_setaffinity is not available: {e.Message}";
            return false;
        }

        problem = null;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ReadOnlySpan<ulong> mask);
}
