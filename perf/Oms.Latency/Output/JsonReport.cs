using System.Text.Json;
using Oms.Latency.Results;
using Oms.Latency.Support;

namespace Oms.Latency.Output;

/// <summary>
/// The whole result as one JSON document (schema in docs/perf/latency-harness.md). Rates are messages/s,
/// latencies are nanoseconds, GC figures are per measured window.
/// </summary>
public static partial class JsonReport
{
    /// <summary>Version of the document's shape; bumped on any incompatible change.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the document to <paramref name="stream"/>.</summary>
    public static void Write(HarnessResult r, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", "oms-latency");
        w.WriteBoolean("quick", r.Config.Quick);
        w.WriteBoolean("producerHints", r.Config.ProducerHints);
        w.WriteString("commandLine", r.Config.CommandLine);
        w.WriteString("startedAt", r.StartedAt);
        w.WriteNumber("elapsedSeconds", Math.Round(r.Elapsed.TotalSeconds, 1));
        WriteMachine(w, r);
        WriteNoise(w, r);
        WriteCrossCpu(w, r);
        WriteThroughput(w, r);
        w.WriteStartArray("latency");
        foreach (WorkingSetResult ws in r.WorkingSets)
        {
            foreach (RateResult rate in ws.Latency)
            {
                WriteRate(w, rate, r.RingOnly.FirstOrDefault(x => x.Rate == rate.Rate));
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("ringOnly");
        foreach (RateResult rate in r.RingOnly)
        {
            WriteRate(w, rate, null);
        }

        w.WriteEndArray();
        WriteSaturation(w, r);
        WriteGc(w, r);
        w.WriteStartArray("warnings");
        foreach (string warning in r.Warnings())
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter w, HarnessResult r)
    {
        MachineInfo m = r.Machine;
        w.WriteStartObject("machine");
        w.WriteString("cpu", m.Cpu);
        w.WriteNumber("logicalCpus", m.LogicalCpus);
        w.WriteNumber("memoryBytes", m.MemoryBytes);
        w.WriteString("os", m.Os);
        w.WriteString("kernel", m.Kernel);
        w.WriteString("runtime", m.Runtime);
        w.WriteString("gc", m.Gc);
        w.WriteString("clockSource", m.ClockSource);
        w.WriteString("transparentHugePages", m.TransparentHugePages);
        w.WriteString("commit", m.Commit);
        w.WriteString("loadAverageBefore", m.LoadAverage);
        w.WriteString("loadAverageAfter", r.LoadAverageAfter);
        w.WriteString("layout", r.Layout.ToString().ToLowerInvariant());
        w.WriteStartObject("pinned");
        w.WriteBoolean("engine", r.Pinned.Engine);
        w.WriteBoolean("producer", r.Pinned.Producer);
        w.WriteBoolean("strategy", r.Pinned.Strategy);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNoise(Utf8JsonWriter w, HarnessResult r) => WriteObjects(w, "noise", r.Noise, static (w, n) =>
    {
        w.WriteNumber("cpu", n.Cpu);
        w.WriteBoolean("pinned", n.Pinned);
        w.WriteNumber("seconds", n.Seconds);
        WritePercentiles(w, "gaps", n.Gaps.Values());
        w.WriteNumber("over10us", n.Over10Us);
        w.WriteNumber("over1ms", n.Over1Ms);
    });

    private static void WriteCrossCpu(Utf8JsonWriter w, HarnessResult r) => WriteObjects(w, "crossCpu", r.CrossCpu, static (w, c) =>
    {
        w.WriteNumber("fromCpu", c.FromCpu);
        w.WriteNumber("toCpu", c.ToCpu);
        w.WriteBoolean("pinned", c.Pinned);
        WritePercentiles(w, "roundTrip", c.RoundTrip.Values());
        w.WriteNumber("roundTrips", c.RoundTrip.Count);
        w.WriteBoolean("cutShort", c.CutShort);
    });

    /// <summary>An array named <paramref name="name"/> of one object per item, its fields written by <paramref name="fields"/>.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> fields)
    {
        w.WriteStartArray(name);
        foreach (T item in items)
        {
            w.WriteStartObject();
            fields(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteThroughput(Utf8JsonWriter w, HarnessResult r)
    {
        ApplyThroughputResult? first = r.WorkingSets.FirstOrDefault()?.Throughput;
        RingThroughputResult? ring = r.RingVsChannels;
        w.WriteStartObject("throughput");
        w.WriteNumber("liveOrders", first?.LiveOrders ?? 0);
        w.WriteNumber("engine", Math.Round(first?.Engine.Median ?? 0));
        w.WriteNumber("engineReports", Math.Round(first?.EngineReportsPerSecond ?? 0));
        w.WriteNumber("reference", Math.Round(first?.Reference.Median ?? 0));
        w.WriteNumber("ring", Math.Round(ring?.Ring.Median ?? 0));
        w.WriteNumber("ringMulti", Math.Round(ring?.RingMulti.Median ?? 0));
        w.WriteNumber("channels", Math.Round(ring?.Channels.Median ?? 0));
        w.WriteNumber("engineVsReference", Math.Round(first?.Ratio ?? 0, 3));
        w.WriteNumber("ringVsChannels", Math.Round(ring?.Ratio ?? 0, 3));
        w.WriteNumber("ringMultiVsChannels", Math.Round(ring?.RatioMulti ?? 0, 3));
        if (ring is not null)
        {
            WriteSeries(w, ring.Ring);
            WriteSeries(w, ring.RingMulti);
            WriteSeries(w, ring.Channels);
            WriteRingRounds(w, ring);
            w.WriteBoolean("ringDisplaced", ring.Displaced);
            if (ring.SetAside is { } setAside)
            {
                w.WriteStartObject("ringSetAside");
                w.WriteNumber("ring", Math.Round(setAside.Ring.Median));
                w.WriteNumber("ringMulti", Math.Round(setAside.RingMulti.Median));
                w.WriteNumber("channels", Math.Round(setAside.Channels.Median));
                w.WriteNumber("ringVsChannels", Math.Round(setAside.Ratio, 3));
                WriteRingRounds(w, setAside);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("ringSetAside");
            }
        }

        w.WriteStartArray("workingSets");
        foreach (ApplyThroughputResult t in r.WorkingSets.Select(ws => ws.Throughput).OfType<ApplyThroughputResult>())
        {
            w.WriteStartObject();
            w.WriteNumber("liveOrders", t.LiveOrders);
            w.WriteNumber("messagesPerRun", t.MessagesPerRun);
            w.WriteNumber("engine", Math.Round(t.Engine.Median));
            w.WriteNumber("engineReports", Math.Round(t.EngineReportsPerSecond));
            w.WriteNumber("reference", Math.Round(t.Reference.Median));
            w.WriteNumber("engineVsReference", Math.Round(t.Ratio, 3));
            WriteMix(w, t.Mix);
            WriteSeries(w, t.Engine);
            WriteSeries(w, t.Reference);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRingRounds(Utf8JsonWriter w, RingThroughputResult ring)
    {
        w.WriteStartArray("ringRoundTrips");
        foreach ((long before, long after) in ring.Rounds)
        {
            w.WriteStartObject();
            w.WriteNumber("before", before);
            w.WriteNumber("after", after);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSeries(Utf8JsonWriter w, ThroughputSeries s)
    {
        w.WriteStartObject($"{s.Name}Runs");
        w.WriteNumber("median", Math.Round(s.Median));
        w.WriteNumber("min", Math.Round(s.Min));
        w.WriteNumber("max", Math.Round(s.Max));
        w.WriteStartArray("runs");
        for (int i = 0; i < s.Rates.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("messagesPerSecond", Math.Round(s.Rates[i]));
            WriteGcFields(w, s.Gc[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSaturation(Utf8JsonWriter w, HarnessResult r)
    {
        w.WriteStartArray("saturation");
        foreach (SaturationResult s in r.WorkingSets.Select(ws => ws.Saturation).OfType<SaturationResult>())
        {
            w.WriteStartObject();
            w.WriteNumber("liveOrders", s.LiveOrders);
            w.WriteNumber("unthrottled", Math.Round(s.Unthrottled?.AchievedRate ?? 0));
            w.WriteNumber("maxSustained", s.MaxSustained);
            w.WriteStartArray("tries");
            foreach (WindowResult t in s.Tries.Prepend(s.Unthrottled).OfType<WindowResult>())
            {
                WriteWindow(w, t);
            }

            w.WriteEndArray();
            WriteRepeated(w, s.Repeated);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteGc(Utf8JsonWriter w, HarnessResult r)
    {
        (string Name, GcDelta Gc)[] windows = [.. r.ZeroGcWindows()];
        w.WriteStartObject("gc");
        w.WriteNumber("windows", windows.Length);
        w.WriteNumber("gcCount", windows.Sum(x => (long)x.Gc.Collections));
        w.WriteNumber("allocatedBytes", windows.Sum(x => x.Gc.AllocatedBytes));
        w.WriteBoolean("allZero", windows.All(x => x.Gc.IsZero));
        w.WriteNumber("hotThreadPageFaults", HarnessResult.PageFaults(windows.Select(x => x.Gc)));
        w.WriteEndObject();
    }
}
