using Oms.Latency.Latency;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Throughput;

namespace Oms.Latency.Tests;

/// <summary>
/// The placement guard's rule: a window is displaced when a round trip around it is over twice the lowest seen,
/// the floor follows the lowest probe, and without probes nothing is ever displaced.
/// </summary>
public sealed class PlacementGuardTests
{
    [Fact]
    public void Displaced_WhenEitherRoundTripIsOverTwiceTheFloor()
    {
        var guard = new PlacementGuard(() => 0, floor: 90, retries: 2);

        Assert.False(guard.IsDisplaced(90, 110));
        Assert.False(guard.IsDisplaced(180, 180));   // twice the floor is still the same placement
        Assert.True(guard.IsDisplaced(181, 90));     // moved before the window ...
        Assert.True(guard.IsDisplaced(90, 370));     // ... or during it
        Assert.Equal(2, guard.Retries);
    }

    [Fact]
    public void Probe_LowersTheFloor_NeverRaisesIt_AndIgnoresUnmeasured()
    {
        long[] probes = [370, 0, 95, 360, 88];
        int next = 0;
        var guard = new PlacementGuard(() => probes[next++], floor: 0, retries: 1);

        Assert.Equal(370, guard.Probe());
        Assert.Equal(370, guard.Floor);          // the first probe is the floor until a lower one comes
        Assert.False(guard.IsDisplaced(370, 370));
        Assert.Equal(0, guard.Probe());
        Assert.Equal(370, guard.Floor);
        guard.Probe();
        Assert.Equal(95, guard.Floor);
        Assert.True(guard.IsDisplaced(95, 360));
        guard.Probe();
        guard.Probe();
        Assert.Equal(88, guard.Floor);
    }

    [Fact]
    public void WaitForPlacement_ProbesUntilTheRoundTripIsBack_OrGivesUp()
    {
        long[] probes = [370, 380, 95];
        int next = 0;
        var back = new PlacementGuard(() => probes[next++], floor: 90, retries: 1, wait: TimeSpan.FromSeconds(10));
        Assert.True(back.WaitForPlacement());
        Assert.Equal(3, next);

        var never = new PlacementGuard(() => 370, floor: 90, retries: 1, wait: TimeSpan.FromMilliseconds(250));
        Assert.False(never.WaitForPlacement());
        // A zero wait measures again at once, without a probe.
        Assert.True(new PlacementGuard(() => throw new InvalidOperationException("no probe without a wait"), 90, 1).WaitForPlacement());
    }

    [Fact]
    public void Off_NeverProbesAnythingOrRepeats()
    {
        Assert.Equal(0, PlacementGuard.Off.Probe());
        Assert.False(PlacementGuard.Off.IsDisplaced(0, 10_000));
        Assert.Equal(0, PlacementGuard.Off.Retries);
    }

    [Fact]
    public void RingComparison_RanBeforeTheFloorWasKnown_IsJudgedAtTheEnd_AndMeasuredAgain()
    {
        // The run started displaced: the comparison's rounds probed 370 and 380 ns, and only later probes found
        // the placement's 90. At the end it is measured again, the first set aside.
        long[] probes = [95];
        int next = 0;
        var guard = new PlacementGuard(() => probes[next++], floor: 90, retries: 1, wait: TimeSpan.FromSeconds(5));
        RingThroughputResult first = Comparison((370, 380), (375, 372));
        RingThroughputResult again = Comparison((90, 92), (91, 90));
        int measured = 0;

        RingThroughputResult kept = RingThroughput.Recheck(first, guard, () => { measured++; return again; }, new Progress(null));

        Assert.Same(again, kept);
        Assert.Equal(1, measured);
        Assert.Same(first, kept.SetAside);
        Assert.False(kept.Displaced);
    }

    [Fact]
    public void RingComparison_Undisplaced_Kept_AndWithoutRepeatsOrPlacement_KeptAsDisplaced()
    {
        var guard = new PlacementGuard(() => 370, floor: 90, retries: 1, wait: TimeSpan.FromMilliseconds(250));
        RingThroughputResult fine = Comparison((90, 100), (95, 90));
        Assert.Same(fine, RingThroughput.Recheck(fine, guard, () => throw new InvalidOperationException("not displaced"), new Progress(null)));
        Assert.False(fine.Displaced);

        // Displaced, and the placement does not come back within the wait: kept, marked.
        RingThroughputResult moved = Comparison((90, 380));
        Assert.Same(moved, RingThroughput.Recheck(moved, guard, () => throw new InvalidOperationException("placement never came back"), new Progress(null)));
        Assert.True(moved.Displaced);
        Assert.Null(moved.SetAside);

        // No repeats allowed: kept, marked, without waiting.
        var noRepeats = new PlacementGuard(() => throw new InvalidOperationException("no wait without repeats"), floor: 90, retries: 0, wait: TimeSpan.FromSeconds(5));
        RingThroughputResult alsoMoved = Comparison((370, 90));
        Assert.Same(alsoMoved, RingThroughput.Recheck(alsoMoved, noRepeats, () => throw new InvalidOperationException("no repeats"), new Progress(null)));
        Assert.True(alsoMoved.Displaced);
    }

    private static RingThroughputResult Comparison(params (long Before, long After)[] rounds)
    {
        var r = new RingThroughputResult { MessagesPerRun = 1, Capacity = 2 };
        r.Rounds.AddRange(rounds);
        return r;
    }

    [Fact]
    public void RingOnly_AWindowMovedDuring_IsMeasuredAgain_ListedApart_AndNotCounted()
    {
        // Probes in call order: before and after each measured window. The second window's "after" shows a move.
        RateResult result = RingOnly(retries: 1, 90, 95, 90, 400, 92, 90);

        Assert.Equal(2, result.Runs.Count);
        Assert.All(result.Runs, w => Assert.False(w.Displaced));
        Assert.Equal([(90L, 95L), (92L, 90L)], result.Runs.Select(w => (w.CrossCpuRoundTripP50, w.CrossCpuRoundTripP50After)));
        WindowResult repeated = Assert.Single(result.Repeated);
        Assert.Equal((90L, 400L), (repeated.CrossCpuRoundTripP50, repeated.CrossCpuRoundTripP50After));
        Assert.All(result.Runs.Append(repeated), w => Assert.Equal(1_000, w.Applied.TotalCount));
    }

    [Fact]
    public void RingOnly_NoRepeatLeft_TheDisplacedWindowIsKeptAndFlagged()
    {
        RateResult result = RingOnly(retries: 1, 380, 90, 370, 370, 90, 90);

        // The first window is repeated once; the repeat is displaced as well and kept, flagged; the second is clean.
        Assert.Equal([(370L, 370L, true), (90L, 90L, false)],
            result.Runs.Select(w => (w.CrossCpuRoundTripP50, w.CrossCpuRoundTripP50After, w.Displaced)));
        Assert.Equal((380L, 90L), (Assert.Single(result.Repeated).CrossCpuRoundTripP50, result.Repeated[0].CrossCpuRoundTripP50After));
    }

    [Fact]
    public void RingOnly_PlacementNotBackWithinTheWait_WindowsKeptAsDisplaced_RepeatsUnspent()
    {
        // The placement moves during the first window and stays moved: waiting does not bring it back.
        int probes = 0;
        var guard = new PlacementGuard(() => probes++ == 0 ? 90 : 370, floor: 90, retries: 1, wait: TimeSpan.FromMilliseconds(150));

        RateResult result = LatencyRunner.RingOnlyAtRate(Config(), LatencyRunner.RingOnlyMessages(Config()), 20_000, guard, new Progress(null));

        Assert.Equal([(90L, 370L, true), (370L, 370L, true)],
            result.Runs.Select(w => (w.CrossCpuRoundTripP50, w.CrossCpuRoundTripP50After, w.Displaced)));
        Assert.Empty(result.Repeated);
        Assert.True(probes > 4, $"{probes} probes: the guard waited, probing, after each displaced window");
    }

    private static HarnessConfig Config() => new()
    {
        WorkingSets = [500], Rates = [20_000], Runs = 2, WarmupRuns = 0, RunSeconds = 0.05, RingCapacity = 1_024,
        EngineCpu = -1, LoadCpu = -1, StrategyCpu = -1, Layout = ThreadLayout.Shared,
    };

    private static RateResult RingOnly(int retries, params long[] probes)
    {
        HarnessConfig config = Config();
        int next = 0;
        var guard = new PlacementGuard(() => probes[next++], floor: 90, retries);
        RateResult result = LatencyRunner.RingOnlyAtRate(config, LatencyRunner.RingOnlyMessages(config), 20_000, guard, new Progress(null));
        Assert.Equal(probes.Length, next); // every window probed before and after, and nothing more
        return result;
    }

    [Fact]
    public void Config_PlacementRetries_OutOfRange_IsRefusedByName()
    {
        Assert.Null(new HarnessConfig { PlacementRetries = 0 }.Validate());
        Assert.Contains("--placement-retries", new HarnessConfig { PlacementRetries = -1 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("--placement-retries", new HarnessConfig { PlacementRetries = 101 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("--placement-wait", new HarnessConfig { PlacementWaitSeconds = -1 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("--placement-wait", new HarnessConfig { PlacementWaitSeconds = double.NaN }.Validate(), StringComparison.Ordinal);
    }
}
