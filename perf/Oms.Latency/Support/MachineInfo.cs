using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Oms.Latency.Support;

/// <summary>The machine a run was made on, as the report states it (read from /proc and /sys on Linux).</summary>
public sealed record MachineInfo(
    string Cpu, int LogicalCpus, long MemoryBytes, string Os, string Kernel, string Runtime, string Gc,
    string ClockSource, string Commit, string LoadAverage, string TransparentHugePages)
{
    /// <summary>Reads everything now.</summary>
    public static MachineInfo Capture() => new(
        Cpu: FirstMatch("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        LogicalCpus: Environment.ProcessorCount,
        MemoryBytes: GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        Os: OsName(),
        Kernel: ReadLine("/proc/sys/kernel/osrelease") is { } release ? $"kernel {release}" : RuntimeInformation.OSDescription,
        Runtime: $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
        Gc: $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}, latency mode {GCSettings.LatencyMode}",
        ClockSource: ReadLine("/sys/devices/system/clocksource/clocksource0/current_clocksource") ?? "unknown",
        Commit: GitCommit(),
        LoadAverage: LoadAverageNow(),
        TransparentHugePages: TransparentHugePagesMode());

    /// <summary>
    /// The kernel's transparent-huge-page mode (always, madvise or never; "unknown" off Linux). The runtime
    /// does not ask for huge pages, so under madvise or never the engine's tables sit on 4 KiB pages and a
    /// large working set spreads over many of them (decision 0006 has what "always" changed on the reference
    /// machine).
    /// </summary>
    public static string TransparentHugePagesMode()
    {
        string? line = ReadLine("/sys/kernel/mm/transparent_hugepage/enabled");
        int open = line?.IndexOf('[') ?? -1;
        int close = open >= 0 ? line!.IndexOf(']', open) : -1;
        return close > open + 1 ? line![(open + 1)..close] : "unknown";
    }

    /// <summary>The 1-, 5- and 15-minute load averages now ("unknown" off Linux).</summary>
    public static string LoadAverageNow()
    {
        string? line = ReadLine("/proc/loadavg");
        return line is null ? "unknown" : string.Join(' ', line.Split(' ').Take(3));
    }

    private static string OsName()
    {
        string? pretty = FirstMatch("/etc/os-release", "PRETTY_NAME");
        return pretty?.Trim('"') ?? RuntimeInformation.OSDescription;
    }

    private static string? FirstMatch(string path, string key)
    {
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                int sep = line.IndexOfAny([':', '=']);
                if (sep > 0 && line[..sep].Trim() == key)
                {
                    return line[(sep + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static string? ReadLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string GitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", "describe --always --dirty")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? git = Process.Start(start);
            if (git is null)
            {
                return "unknown";
            }

            string text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }
}
