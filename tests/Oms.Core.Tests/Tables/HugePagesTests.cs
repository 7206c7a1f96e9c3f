using System.Globalization;
using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Tests.Support;

namespace Oms.Tests.Tables;

public sealed class HugePagesTests
{
    private const long HugePage = 2L << 20;
    private const int LargeInts = 3 << 20; // 12 MiB

    [Fact]
    public void Allocate_UnderFourMiB_IsAnOrdinaryArrayAndNotAdvised()
    {
        long advised = 0;
        int[] array = HugePages.Allocate<int>((int)(HugePages.MinBytes / sizeof(int)) - 1, advise: true, ref advised);

        Assert.Equal(0, advised);
        Assert.All(array, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)] // under 4 MiB: not advised, committed all the same
    public void Allocate_CommitsEveryPage_SoWritingItLaterTakesNoFault(bool advise, bool pinned)
    {
        Assert.SkipUnless(PageFaults.Available, "per-thread fault counts come from Linux's /proc");
        const int Pages = 512; // 2 MiB
        long advised = 0;
        byte[] array = HugePages.Allocate<byte>(Pages * 4096, advise, ref advised, pinned);

        long before = PageFaults.MinorOfThisThread();
        for (int i = 0; i < array.Length; i += 4096)
        {
            array[i] = 1;
        }

        long faults = PageFaults.MinorOfThisThread() - before;
        Assert.Equal(0, advised);
        // Left to fault in, the writes take one fault a page (512); one or two may be the runtime's own.
        Assert.InRange(faults, 0, 8);
    }

    [Fact]
    public void Allocate_LargeButNotAsked_IsNotAdvised()
    {
        long advised = 0;
        int[] array = HugePages.Allocate<int>(LargeInts, advise: false, ref advised);

        Assert.Equal(0, advised);
        Assert.Equal(LargeInts, array.Length);
    }

    [Fact]
    public void Allocate_Large_IsZeroed_EvenWhereTheRuntimeReusesMemory()
    {
        // The array comes uninitialised from the runtime (so that no page is touched before the advice); memory
        // freed by a dirty array of the same size is the likeliest to come back.
        for (int round = 0; round < 4; round++)
        {
            Dirty();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long advised = 0;
            long[] array = HugePages.Allocate<long>(LargeInts / 2, advise: true, ref advised);
            Assert.True(array.AsSpan().IndexOfAnyExcept(0L) < 0, $"round {round}: a nonzero element");
        }

        static void Dirty() => GC.AllocateUninitializedArray<long>(LargeInts / 2, pinned: true).AsSpan().Fill(-1L);
    }

    [Fact]
    public void Allocate_LargeOnLinux_AdvisesTheAlignedInterior_AndTheKernelMarksItEligible()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "madvise is Linux only");
        long advised = 0;
        int[] array = HugePages.Allocate<int>(LargeInts, advise: true, ref advised);
        long bytes = (long)LargeInts * sizeof(int);

        // Every whole 2 MiB page inside the array, and nothing outside it.
        Assert.Equal(0, advised % HugePage);
        Assert.InRange(advised, bytes - (2 * HugePage), bytes);

        string mode = ThpMode();
        Assert.SkipWhen(mode is "never" or "", $"transparent huge pages are '{mode}' here");
        long interior = (Address(array) + HugePage - 1) & ~(HugePage - 1);
        Assert.Equal("1", SmapsField(interior, "THPeligible"));
        GC.KeepAlive(array);
    }

    [Fact]
    public void Engine_ReportsTheBytesItAdvised_OnlyWhenAsked()
    {
        // The ExecID index (2^19 entries of 32 bytes: 16 MiB) is advised; a strategy stream of 65,536 events (12 MiB)
        // too, when it is opened.
        OmsEngineOptions Options(bool hugePages) => new() { MaxExecIds = 1 << 18, StrategyEventCapacity = 65_536, HugePages = hugePages };
        var on = new OmsEngine(Options(true));
        var off = new OmsEngine(Options(false));
        long before = on.HugePageBytes;
        on.OpenStrategyStream(1);
        off.OpenStrategyStream(1);

        Assert.Equal(0, off.HugePageBytes);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(before >= 16L << 20, $"advised {before} bytes before the stream");
            Assert.InRange(on.HugePageBytes - before, 8L << 20, 12L << 20);
        }
        else
        {
            Assert.Equal(0, on.HugePageBytes);
        }
    }

    // The array lives on the pinned-object heap: its address is stable.
    private static long Address<T>(T[] array) where T : unmanaged => Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);

    private static string ThpMode()
    {
        const string Path = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!File.Exists(Path))
        {
            return "";
        }

        string text = File.ReadAllText(Path);
        int open = text.IndexOf('['), close = text.IndexOf(']');
        return open >= 0 && close > open ? text[(open + 1)..close] : "";
    }

    /// <summary>A field of the /proc/self/smaps entry of the mapping that holds <paramref name="address"/>.</summary>
    private static string? SmapsField(long address, string field)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash > 0 && space > dash && line.AsSpan(0, dash).IndexOfAnyExcept("0123456789abcdef") < 0)
            {
                long start = long.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long end = long.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                inside = start <= address && address < end;
                continue;
            }

            if (inside && line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return line[(field.Length + 1)..].Trim();
            }
        }

        return null;
    }
}
