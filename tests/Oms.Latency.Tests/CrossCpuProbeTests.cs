using System.Diagnostics;
using Oms.Latency.Support;

namespace Oms.Latency.Tests;

public sealed class CrossCpuProbeTests
{
    [Fact]
    public void Two_threads_on_one_cpu_end_at_the_deadline_instead_of_hanging()
    {
        // Pinned to the same CPU, the two threads take turns only when the scheduler switches them (milliseconds
        // apart), so the 10,000 warm-up round trips alone cannot finish before a 0.2 s deadline.
        var clock = Stopwatch.StartNew();

        CrossCpuResult result = CrossCpuProbe.Run(0, 0, 1_000, 0.2);

        if (!result.Pinned)
        {
            Assert.Skip("could not pin both threads to CPU 0 here (not Linux, or CPU 0 outside this process's set)");
        }

        Assert.True(result.CutShort);
        Assert.True(result.RoundTrip.Count < 1_000, $"{result.RoundTrip.Count} round trips recorded");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Pairs_leave_out_a_cpu_crossed_to_itself_and_follow_the_layout()
    {
        var shared = new HarnessConfig { Layout = Latency.ThreadLayout.Shared, EngineCpu = 0, LoadCpu = 1, StrategyCpu = 1 };
        Assert.Equal([(1, 0)], shared.CrossedCpuPairs());

        var split = new HarnessConfig { Layout = Latency.ThreadLayout.Split, EngineCpu = 0, LoadCpu = 1, StrategyCpu = 2 };
        Assert.Equal([(1, 0), (0, 2)], split.CrossedCpuPairs());

        var samePlace = new HarnessConfig { Layout = Latency.ThreadLayout.Split, EngineCpu = 0, LoadCpu = 0, StrategyCpu = 2 };
        Assert.Equal([(0, 2)], samePlace.CrossedCpuPairs());

        var unpinned = new HarnessConfig { Layout = Latency.ThreadLayout.Split, EngineCpu = -1, LoadCpu = -1, StrategyCpu = -1 };
        Assert.Equal([(-1, -1)], unpinned.CrossedCpuPairs());
    }
}
