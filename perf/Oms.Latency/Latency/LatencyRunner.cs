using Oms.Engine;
using Oms.Latency.Results;
using Oms.Latency.Workload;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>The latency measurements: the engine at each offered rate, the ring alone, and the saturation search.</summary>
public static class LatencyRunner
{
    /// <summary>Fractions of the unthrottled rate tried, highest first, in the saturation search.</summary>
    public static readonly double[] SaturationSteps = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5];

    /// <summary>One engine session on <paramref name="liveOrders"/> at <paramref name="rate"/>: warm-up windows, then measured ones.</summary>
    public static RateResult EngineAtRate(HarnessConfig config, int liveOrders, long rate, Progress progress)
    {
        int count = config.WindowMessages(rate);
        int windows = config.WarmupRuns + config.Runs;
        using var session = new EngineSession(config, liveOrders, (long)count * windows, count);
        progress.Pinning(session.Rig);
        var result = new RateResult
        {
            LiveOrders = liveOrders,
            Rate = rate,
            Options = session.Options,
            HugePageBytes = session.HugePageBytes,
            Pinned = session.Rig.Pinned,
            Layout = session.Rig.Layout,
        };
        var buffer = new OmsMessage[count];
        for (int w = 0; w < windows; w++)
        {
            bool warm = w < config.WarmupRuns;
            string name = $"ws {liveOrders:N0}, {Format.Rate(rate)}, {(warm ? "warm-up" : $"run {w - config.WarmupRuns + 1}")}";
            long roundTrip = CrossCpuBefore(config, warm);
            WindowResult window = session.Run(name, buffer, count, rate);
            window.CrossCpuRoundTripP50 = roundTrip;
            if (!warm)
            {
                result.Runs.Add(window);
            }

            progress.Window(window, warm);
        }

        result.Mix = session.Generator.Counts.Clone();
        result.Problem = session.Check();
        return result;
    }

    /// <summary>The ring alone at <paramref name="rate"/>: the same producer, a pinned consumer that only drains.</summary>
    public static RateResult RingOnlyAtRate(HarnessConfig config, OmsMessage[] messages, long rate, Progress progress)
    {
        int count = Math.Min(config.WindowMessages(rate), messages.Length);
        // As the engine sessions' inbound ring: one producer thread, single-producer mode.
        var ring = new MpscRing<OmsMessage>(config.RingCapacity, ProducerMode.Single);
        var host = new ConsumerHost<RingCycle>("ring-consumer", config.EngineCpu, new RingCycle(ring), 0);
        var load = new LoadGenerator(ring, null, ThreadLayout.Shared, config.LoadCpu, -1);
        using var rig = new LatencyRig(ring, host, load, () => 0, count, withCallbacks: false);
        var result = new RateResult { LiveOrders = 0, Rate = rate };
        for (int w = 0; w < config.WarmupRuns + config.Runs; w++)
        {
            bool warm = w < config.WarmupRuns;
            string name = $"ring only, {Format.Rate(rate)}, {(warm ? "warm-up" : $"run {w - config.WarmupRuns + 1}")}";
            long roundTrip = CrossCpuBefore(config, warm);
            WindowResult window = rig.Run(name, messages, count, rate);
            window.CrossCpuRoundTripP50 = roundTrip;
            if (!warm)
            {
                result.Runs.Add(window);
            }

            progress.Window(window, warm);
        }

        return result;
    }

    /// <summary>
    /// Finds the highest offered rate the whole loop sustains on <paramref name="liveOrders"/>: one unthrottled
    /// window gives the ceiling, then offered rates from that ceiling down in steps of 10% until one is sustained.
    /// </summary>
    public static SaturationResult Saturation(HarnessConfig config, int liveOrders, Progress progress)
    {
        int count = config.SaturationMessages;
        int windows = 2 + SaturationSteps.Length;
        using var session = new EngineSession(config, liveOrders, (long)count * windows, count);
        var result = new SaturationResult { LiveOrders = liveOrders };
        var buffer = new OmsMessage[count];
        progress.Window(session.Run($"saturation ws {liveOrders:N0}, warm-up", buffer, count, 0), warm: true);
        WindowResult unthrottled = session.Run($"saturation ws {liveOrders:N0}, unthrottled", buffer, count, 0);
        result.Unthrottled = unthrottled;
        progress.Window(unthrottled, warm: false);
        foreach (double step in SaturationSteps)
        {
            long rate = Math.Max(1, (long)(unthrottled.AchievedRate * step));
            WindowResult window = session.Run($"saturation ws {liveOrders:N0}, {step:P0} = {Format.Rate(rate)}", buffer, count, rate);
            result.Tries.Add(window);
            progress.Window(window, warm: false);
            if (window.Sustained)
            {
                break;
            }
        }

        result.Problem = session.Check();
        return result;
    }

    /// <summary>Round trips of the probe before each measured window (a few milliseconds).</summary>
    public const int WindowProbeRoundTrips = 20_000;

    /// <summary>
    /// The cross-CPU round trip's p50 between the producer's and the engine's CPUs, measured now (between windows,
    /// while both CPUs are free): 0 for a warm-up window, when the machine probes are off (<c>--noise-seconds 0</c>)
    /// or when no pair of CPUs is crossed.
    /// </summary>
    private static long CrossCpuBefore(HarnessConfig config, bool warm)
    {
        if (warm || config.NoiseSeconds <= 0 || !config.CrossedCpuPairs().Any())
        {
            return 0;
        }

        (int from, int to) = config.CrossedCpuPairs().First();
        return Support.CrossCpuProbe.Run(from, to, WindowProbeRoundTrips, 0.05).RoundTrip.P50;
    }

    /// <summary>The messages the ring-only windows send (their content does not matter to a bare ring).</summary>
    public static OmsMessage[] RingOnlyMessages(HarnessConfig config)
    {
        var generator = new WorkingSetGenerator(config.Seed, Math.Min(config.WorkingSets[0], 10_000));
        generator.BuildSetup();
        var messages = new OmsMessage[config.Rates.Max(config.WindowMessages)];
        generator.Fill(messages, messages.Length);
        return messages;
    }
}
