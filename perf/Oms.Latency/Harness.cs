using Oms.Engine;
using Oms.Latency.Latency;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Throughput;
using Oms.Latency.Workload;

namespace Oms.Latency;

/// <summary>
/// Runs every measurement of the harness in order: JIT warm-up; ring against channel; the ring alone at each
/// offered rate; then for each working set the engine against the reference, the engine at each offered rate
/// and the saturation search.
/// </summary>
public sealed class Harness(HarnessConfig config, Progress progress)
{
    /// <summary>Round trips the cross-CPU probe records per pair of CPUs (about 40 ms at 200 ns each).</summary>
    public const int CrossCpuRoundTrips = 200_000;

    private PlacementGuard _guard = PlacementGuard.Off;

    /// <summary>Runs everything; returns what was measured.</summary>
    public HarnessResult Run()
    {
        var result = new HarnessResult { Config = config, Machine = MachineInfo.Capture(), StartedAt = DateTimeOffset.UtcNow };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress.Line($"machine: {result.Machine.Cpu}, {result.Machine.LogicalCpus} CPUs, load {result.Machine.LoadAverage}");

        if (config.NoiseSeconds > 0)
        {
            progress.Phase($"machine noise: {config.NoiseSeconds:0.#} s of clock reads on each hot CPU");
            result.Noise.AddRange(NoiseProbe.Run(config.HotCpus(), config.NoiseSeconds));
            foreach (NoiseResult n in result.Noise)
            {
                progress.Line($"CPU {n.Cpu}: gaps p99 {Format.Ns(n.Gaps.P99)}, p99.9 {Format.Ns(n.Gaps.P999)}, max {Format.Ns(n.Gaps.Max)}; " +
                    $"{n.Over10Us} over 10 µs, {n.Over1Ms} over 1 ms");
            }

            progress.Phase("cross-CPU round trips: one cache line passed between the CPUs a message crosses");
            foreach ((int from, int to) in config.CrossedCpuPairs())
            {
                CrossCpuResult c = CrossCpuProbe.Run(from, to, CrossCpuRoundTrips, config.NoiseSeconds);
                result.CrossCpu.Add(c);
                progress.Line($"CPU {from} ↔ CPU {to}: round trip p50 {Format.Ns(c.RoundTrip.P50)}, p99 {Format.Ns(c.RoundTrip.P99)} " +
                    $"over {Format.Count(c.RoundTrip.Count)} round trips{(c.CutShort ? " (cut short by the deadline)" : "")}");
            }
        }

        // From here every measured latency window sits between two probes of the round trip (see PlacementGuard).
        _guard = LatencyRunner.GuardFor(config, result.CrossCpu.FirstOrDefault()?.RoundTrip.P50 ?? 0);
        // Its probe and wait run once here, outside every window: their first call just before a window let the runtime
        // allocate on another thread inside it (24 bytes in the first measured window of every 1,000,000-live run).
        _guard.Probe();
        _guard.WaitForPlacement();

        progress.Phase("JIT warm-up (nothing recorded)");
        WarmUp();

        progress.Phase("ring vs channels throughput");
        result.RingVsChannels = RingThroughput.Run(config, MixSlice(config.ThroughputMessages), _guard, progress);

        progress.Phase("ring alone, latency per offered rate");
        OmsMessage[] ringMessages = LatencyRunner.RingOnlyMessages(config);
        foreach (long rate in config.Rates)
        {
            result.RingOnly.Add(LatencyRunner.RingOnlyAtRate(config, ringMessages, rate, _guard, progress));
        }

        foreach (int liveOrders in config.WorkingSets)
        {
            result.WorkingSets.Add(RunWorkingSet(liveOrders, result));
            GcSnapshot.Settle();
        }

        if (result.WorkingSets.SelectMany(w => w.Latency).FirstOrDefault() is { } first)
        {
            result.Layout = first.Layout;
            result.Pinned = first.Pinned;
        }

        if (result.RingVsChannels is { } ring)
        {
            progress.Phase("ring vs channels: its round trips against the run's lowest");
            result.RingVsChannels = RingThroughput.Recheck(ring, _guard,
                () => RingThroughput.Run(config, MixSlice(config.ThroughputMessages), _guard, progress), progress);
        }

        result.Elapsed = clock.Elapsed;
        result.LoadAverageAfter = MachineInfo.LoadAverageNow();
        return result;
    }

    private WorkingSetResult RunWorkingSet(int liveOrders, HarnessResult result)
    {
        var ws = new WorkingSetResult { LiveOrders = liveOrders };
        progress.Phase($"working set {Format.Count(liveOrders)}: engine vs reference throughput");
        ws.Throughput = ApplyThroughput.Run(config, liveOrders, progress);
        GcSnapshot.Settle();

        progress.Phase($"working set {Format.Count(liveOrders)}: latency per offered rate");
        foreach (long rate in config.Rates)
        {
            ws.Latency.Add(LatencyRunner.EngineAtRate(config, liveOrders, rate, _guard, progress));
            GcSnapshot.Settle();
        }

        progress.Phase($"working set {Format.Count(liveOrders)}: saturation");
        ws.Saturation = LatencyRunner.Saturation(config, liveOrders, _guard, progress);
        return ws;
    }

    /// <summary>
    /// Runs every hot path (engine apply, reference apply, ring and channel, the engine and ring-only windows)
    /// on a small working set a few times, pausing between rounds so the tiered JIT can install optimised code
    /// before anything is measured. Nothing is recorded.
    /// </summary>
    private void WarmUp()
    {
        var small = new HarnessConfig
        {
            WorkingSets = [1_000],
            Rates = [200_000],
            Runs = 2,
            WarmupRuns = 0,
            RunSeconds = 0.05,
            ThroughputMessages = 50_000,
            SaturationMessages = 50_000,
            RingCapacity = config.RingCapacity,
            Layout = config.Layout,
            EngineCpu = config.EngineCpu,
            LoadCpu = config.LoadCpu,
            StrategyCpu = config.StrategyCpu,
            Seed = config.Seed,
        };
        var quiet = new Progress(null);
        for (int round = 0; round < config.JitRounds; round++)
        {
            ApplyThroughput.Run(small, 1_000, quiet);
            RingThroughput.Run(small, MixSlice(50_000), PlacementGuard.Off, quiet);
            LatencyRunner.RingOnlyAtRate(small, MixSlice(small.WindowMessages(200_000)), 200_000, PlacementGuard.Off, quiet);
            using (var session = new EngineSession(small, 1_000, 200_000, 50_000))
            {
                var buffer = new OmsMessage[50_000];
                session.Run("jit", buffer, 50_000, 0);
                session.Run("jit", buffer, 10_000, 200_000);
            }

            progress.Line($"JIT warm-up round {round + 1}/{config.JitRounds} done");
            Thread.Sleep(200);
        }
    }

    private OmsMessage[] MixSlice(int count)
    {
        // A bare ring or channel does not look inside the messages: a small working set's mix is the same stream kind.
        var generator = new WorkingSetGenerator(config.Seed, Math.Min(config.WorkingSets[0], 10_000));
        generator.BuildSetup();
        var messages = new OmsMessage[count];
        generator.Fill(messages, count);
        return messages;
    }
}
