using Oms.Engine;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Workload;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>The latency measurements: the engine at each offered rate, the ring alone, and the saturation search.</summary>
public static class LatencyRunner
{
    /// <summary>Fractions of the unthrottled rate tried, highest first, in the saturation search.</summary>
    public static readonly double[] SaturationSteps = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5];

    /// <summary>
    /// One engine session on <paramref name="liveOrders"/> at <paramref name="rate"/>: warm-up windows, then measured
    /// ones, each measured again when <paramref name="guard"/> finds the CPUs' placement changed around it.
    /// </summary>
    public static RateResult EngineAtRate(HarnessConfig config, int liveOrders, long rate, PlacementGuard guard, Progress progress)
    {
        int count = config.WindowMessages(rate);
        int windows = config.WarmupRuns + config.Runs;
        using var session = new EngineSession(config, liveOrders, (long)count * (windows + guard.Retries), count);
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
        RunWindows(config, guard, progress, result, $"ws {liveOrders:N0}, {Format.Rate(rate)}",
            name => session.Run(name, buffer, count, rate));
        result.Mix = session.Generator.Counts.Clone();
        result.Problem = session.Check();
        return result;
    }

    // Warm-up windows, then the measured ones, each through the placement guard.
    private static void RunWindows(HarnessConfig config, PlacementGuard guard, Progress progress, RateResult result,
        string label, Func<string, WindowResult> run)
    {
        for (int w = 0; w < config.WarmupRuns; w++)
        {
            progress.Window(run($"{label}, warm-up"), warm: true);
        }

        for (int measured = 0; measured < config.Runs; measured++)
        {
            result.Runs.Add(Guarded(guard, progress, result.Repeated, $"{label}, run {measured + 1}", run));
        }
    }

    // One measured window between two probes of the cross-CPU round trip, measured again while the placement was
    // displaced around it, came back within the guard's wait, and the session has a repeat left (measuring again on
    // the same displacement would only spend the repeats). A window set aside goes to `repeated`, listed and in no
    // figure; the window returned is marked Displaced when it was kept anyway. Says what it did on the progress stream.
    private static WindowResult Guarded(PlacementGuard guard, Progress progress, List<WindowResult> repeated, string name,
        Func<string, WindowResult> run)
    {
        for (int attempt = 0; ; attempt++)
        {
            long before = guard.Probe();
            WindowResult window = run(attempt == 0 ? name : $"{name} (again, {attempt})");
            long after = guard.Probe();
            window.CrossCpuRoundTripP50 = before;
            window.CrossCpuRoundTripP50After = after;
            window.Displaced = guard.IsDisplaced(before, after);
            progress.Window(window, warm: false);
            if (!window.Displaced || repeated.Count >= guard.Retries)
            {
                return window;
            }

            string why = $"{window.Name}: the CPUs' placement changed around it (round trip {Format.Ns(before)} before, " +
                $"{Format.Ns(after)} after, against a lowest of {Format.Ns(guard.Floor)})";
            if (!guard.WaitForPlacement())
            {
                progress.Line($"{why}; not back within {guard.Wait.TotalSeconds:0.#} s, kept as displaced");
                return window;
            }

            progress.Line($"{why}; measuring it again");
            window.Displaced = false;
            repeated.Add(window);
        }
    }

    /// <summary>The ring alone at <paramref name="rate"/>: the same producer, a pinned consumer that only drains.</summary>
    public static RateResult RingOnlyAtRate(HarnessConfig config, OmsMessage[] messages, long rate, PlacementGuard guard, Progress progress)
    {
        int count = Math.Min(config.WindowMessages(rate), messages.Length);
        // As the engine sessions' inbound ring: one producer thread, single-producer mode.
        var ring = new MpscRing<OmsMessage>(config.RingCapacity, ProducerMode.Single);
        var host = new ConsumerHost<RingCycle>("ring-consumer", config.EngineCpu, new RingCycle(ring), 0);
        var load = new LoadGenerator(ring, null, ThreadLayout.Shared, config.LoadCpu, -1);
        using var rig = new LatencyRig(ring, host, load, () => 0, count, withCallbacks: false);
        var result = new RateResult { LiveOrders = 0, Rate = rate };
        RunWindows(config, guard, progress, result, $"ring only, {Format.Rate(rate)}", name => rig.Run(name, messages, count, rate));
        return result;
    }

    /// <summary>
    /// Finds the highest offered rate the whole loop sustains on <paramref name="liveOrders"/>: one unthrottled
    /// window gives the ceiling, then offered rates from that ceiling down in steps of 10% until one is sustained.
    /// </summary>
    public static SaturationResult Saturation(HarnessConfig config, int liveOrders, PlacementGuard guard, Progress progress)
    {
        int count = config.SaturationMessages;
        int windows = 2 + SaturationSteps.Length + guard.Retries;
        using var session = new EngineSession(config, liveOrders, (long)count * windows, count);
        var result = new SaturationResult { LiveOrders = liveOrders };
        var buffer = new OmsMessage[count];
        progress.Window(session.Run($"saturation ws {liveOrders:N0}, warm-up", buffer, count, 0), warm: true);
        WindowResult unthrottled = Guarded(guard, progress, result.Repeated, $"saturation ws {liveOrders:N0}, unthrottled",
            name => session.Run(name, buffer, count, 0));
        result.Unthrottled = unthrottled;
        foreach (double step in SaturationSteps)
        {
            long rate = Math.Max(1, (long)(unthrottled.AchievedRate * step));
            WindowResult window = Guarded(guard, progress, result.Repeated, $"saturation ws {liveOrders:N0}, {step:P0} = {Format.Rate(rate)}",
                name => session.Run(name, buffer, count, rate));
            result.Tries.Add(window);
            if (window.Sustained)
            {
                break;
            }
        }

        result.Problem = session.Check();
        return result;
    }

    /// <summary>Round trips of the probe before and after each measured window (a few milliseconds each).</summary>
    public const int WindowProbeRoundTrips = 20_000;

    /// <summary>
    /// The guard of a run's measured windows: probes the cross-CPU round trip's p50 between the producer's and the
    /// engine's CPUs (between windows, while both CPUs are free), starting from <paramref name="floor"/>, the
    /// start-of-run probe. Off when the machine probes are (<c>--noise-seconds 0</c>) or no pair of CPUs is crossed.
    /// </summary>
    public static PlacementGuard GuardFor(HarnessConfig config, long floor)
    {
        if (config.NoiseSeconds <= 0 || !config.CrossedCpuPairs().Any())
        {
            return PlacementGuard.Off;
        }

        (int from, int to) = config.CrossedCpuPairs().First();
        return new PlacementGuard(() => Support.CrossCpuProbe.Run(from, to, WindowProbeRoundTrips, 0.05).RoundTrip.P50,
            floor, config.PlacementRetries, TimeSpan.FromSeconds(config.PlacementWaitSeconds));
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
