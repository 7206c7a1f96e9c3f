using System.Globalization;

namespace Oms.Tests.Support;

/// <summary>The calling thread's page-fault count, from Linux's /proc (tests that memory is committed up front).</summary>
public static class PageFaults
{
    private const string ThreadStat = "/proc/thread-self/stat";

    /// <summary>True where the per-thread count can be read.</summary>
    public static bool Available => File.Exists(ThreadStat);

    /// <summary>The calling thread's minor page faults so far (field 10 of /proc/thread-self/stat).</summary>
    public static long MinorOfThisThread()
    {
        string stat = File.ReadAllText(ThreadStat);
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it start at 3.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }
}
