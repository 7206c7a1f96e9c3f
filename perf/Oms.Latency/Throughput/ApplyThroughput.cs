using Oms.Engine;
using Oms.Latency.Latency;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Workload;
using Oms.Reference;

namespace Oms.Latency.Throughput;

/// <summary>
/// The engine against the reference model on one thread, applying the same pregenerated stream: the working
/// set's setup (not timed), then one discarded warm-up run and the measured runs, each the next slice of the
/// same mix.
/// </summary>
/// <remarks>
/// The engine's outputs (strategy events, venue commands, anomalies) are drained on the same thread every 64
/// messages, as <c>EngineRig</c> does in the BenchmarkDotNet suite: the queues stay small and cache-resident,
/// so the figure is the engine's own work plus a near-free consumer. <see cref="ReferenceOms"/> keeps state
/// only and emits nothing.
/// </remarks>
public static class ApplyThroughput
{
    /// <summary>Measures both models on <paramref name="liveOrders"/>.</summary>
    public static ApplyThroughputResult Run(HarnessConfig config, int liveOrders, Progress progress)
    {
        int slice = config.ThroughputMessages;
        int slices = config.WarmupRuns + config.Runs;
        var generator = new WorkingSetGenerator(config.Seed, liveOrders);
        OmsMessage[] setup = generator.BuildSetup();
        // Line-aligned, as the engine's ring slots are: Apply(span) stands for a drained ring batch.
        var stream = new LineAlignedMessages(checked(slice * slices));
        generator.Fill(stream.Span);
        var result = new ApplyThroughputResult { LiveOrders = liveOrders, MessagesPerRun = slice, Mix = generator.Counts.Clone() };
        OmsEngineOptions options = EngineSizing.For(liveOrders, stream.Length, config.RingCapacity, config.RowPrefetchMinRows, config.HugePages,
            EngineSizing.BatchDrainedOutputCapacity);

        string? engineProblem;
        using (PerfControl? profiler = PerfControl.Open(config.PerfControlPath))
        {
            engineProblem = RunEngine(options, setup, stream, slice, config.WarmupRuns, result, progress, profiler);
        }

        string? referenceProblem = RunReference(options, setup, stream, slice, config.WarmupRuns, result, progress);
        result.Problem = engineProblem is null && referenceProblem is null ? null : $"{engineProblem} {referenceProblem}".Trim();
        return result;
    }

    private static string? RunEngine(OmsEngineOptions options, OmsMessage[] setup, LineAlignedMessages stream, int slice, int warmup,
        ApplyThroughputResult result, Progress progress, PerfControl? profiler)
    {
        var engine = new OmsEngine(options);
        var outputs = new EngineOutputs(engine);
        using ThreadFaults faults = ThreadFaults.OfCurrentThread();
        Apply(engine, outputs, setup, 0, setup.Length);
        for (int s = 0; s * slice < stream.Length; s++)
        {
            GcSnapshot.Settle();
            // The profiler's commands are written outside the window: they are no part of the engine's run.
            PerfControl? recording = s >= warmup ? profiler : null;
            recording?.Enable();
            GcSnapshot before = GcSnapshot.Take();
            long threadBefore = GC.GetAllocatedBytesForCurrentThread();
            long faultsBefore = faults.Read();
            long start = NanoClock.Now();
            Apply(engine, outputs, stream.Span, s * slice, slice);
            long elapsed = NanoClock.Now() - start;
            long faulted = faultsBefore < 0 ? -1 : faults.Read() - faultsBefore;
            GcDelta gc = GcSnapshot.Take().Since(before, GC.GetAllocatedBytesForCurrentThread() - threadBefore, faulted);
            recording?.Disable();
            Report(result.Engine, s >= warmup, slice, elapsed, gc, progress);
        }

        string? problem = WorkloadCheck.Problem(engine.Counters, result.LiveOrders, result.Mix);
        long dropped = engine.Counters.DroppedEvents;
        if (dropped != 0)
        {
            problem = $"{problem}{(problem is null ? "" : "; ")}{dropped} events dropped (an output queue was full)";
        }

        return problem is null ? null : $"engine apply: {problem}.";
    }

    private static string? RunReference(OmsEngineOptions options, OmsMessage[] setup, LineAlignedMessages stream, int slice, int warmup,
        ApplyThroughputResult result, Progress progress)
    {
        var reference = new ReferenceOms(options);
        foreach (OmsMessage m in setup)
        {
            reference.Apply(in m);
        }

        for (int s = 0; s * slice < stream.Length; s++)
        {
            GcSnapshot.Settle();
            GcSnapshot before = GcSnapshot.Take();
            long threadBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = NanoClock.Now();
            foreach (ref readonly OmsMessage m in stream.Span.Slice(s * slice, slice))
            {
                reference.Apply(in m);
            }

            long elapsed = NanoClock.Now() - start;
            GcDelta gc = GcSnapshot.Take().Since(before, GC.GetAllocatedBytesForCurrentThread() - threadBefore);
            Report(result.Reference, s >= warmup, slice, elapsed, gc, progress);
        }

        bool same = reference.Fills == result.Mix.Fills && reference.Duplicates == result.Mix.Duplicates;
        return same ? null
            : $"reference: {reference.Fills} fills, {reference.Duplicates} duplicates (expected {result.Mix.Fills}, {result.Mix.Duplicates}).";
    }

    private static void Apply(OmsEngine engine, EngineOutputs outputs, ReadOnlySpan<OmsMessage> messages, int from, int count)
    {
        // Batches of 64, as the duty cycle applies a drained ring batch (the engine prefetches ahead within one).
        for (int i = 0; i < count; i += 64)
        {
            engine.Apply(messages.Slice(from + i, Math.Min(64, count - i)));
            outputs.DrainAll();
        }
    }

    private static void Report(ThroughputSeries series, bool measured, int messages, long elapsed, GcDelta gc, Progress progress)
    {
        if (measured)
        {
            series.Add(messages, elapsed, gc);
        }

        progress.Line($"{series.Name} apply{(measured ? "" : " (discarded)")}: {Format.Rate(messages * 1e9 / Math.Max(1, elapsed))}, " +
            $"{gc.Collections} GC, {Format.Bytes(gc.AllocatedBytes)}");
    }
}
