using System.Text.Json;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Workload;

namespace Oms.Latency.Output;

/// <summary>The latency parts of the JSON document: one object per offered rate, its percentiles, spreads and windows.</summary>
public static partial class JsonReport
{
    private static void WriteRate(Utf8JsonWriter w, RateResult rate, RateResult? ringOnly)
    {
        w.WriteStartObject();
        w.WriteNumber("liveOrders", rate.LiveOrders);
        w.WriteNumber("rate", rate.Rate);
        w.WriteBoolean("sustained", rate.Sustained);
        if (!rate.RingOnly)
        {
            w.WriteNumber("hugePageBytes", rate.HugePageBytes);
        }

        foreach (Stage stage in rate.Stages)
        {
            WritePercentiles(w, StageName(stage), rate.Medians(stage));
            WriteSpread(w, $"{StageName(stage)}Spread", rate.Spreads(stage));
        }

        if (ringOnly is not null && !rate.RingOnly)
        {
            // What the engine adds over the bare ring at the same rate: state applied minus ring received, per percentile.
            long[] applied = rate.Medians(Stage.Applied), ring = ringOnly.Medians(Stage.Applied);
            WritePercentiles(w, "engineAdds", [.. applied.Zip(ring, (a, b) => a - b)]);
        }

        if (rate.Mix is not null)
        {
            WriteMix(w, rate.Mix);
        }

        if (rate.Problem is not null)
        {
            w.WriteString("problem", rate.Problem);
        }

        w.WriteStartArray("runs");
        foreach (WindowResult run in rate.Runs)
        {
            WriteWindow(w, run);
        }

        w.WriteEndArray();
        WriteRepeated(w, rate.Repeated);
        w.WriteEndObject();
    }

    // Windows measured again because the CPUs' placement changed around them: kept in full, outside every figure.
    private static void WriteRepeated(Utf8JsonWriter w, List<WindowResult> repeated)
    {
        w.WriteStartArray("repeated");
        foreach (WindowResult run in repeated)
        {
            WriteWindow(w, run);
        }

        w.WriteEndArray();
    }

    /// <summary>The JSON name of a stage.</summary>
    public static string StageName(Stage stage) => stage switch
    {
        Stage.EndToEnd => "endToEnd",
        Stage.Applied => "applied",
        Stage.EndToEndFromStamp => "endToEndFromStamp",
        Stage.ToVenue => "toVenue",
        _ => "appliedFromStamp",
    };

    private static void WriteWindow(Utf8JsonWriter w, WindowResult run)
    {
        w.WriteStartObject();
        w.WriteString("name", run.Name);
        w.WriteNumber("messages", run.Messages);
        w.WriteNumber("offeredRate", run.OfferedRate);
        w.WriteNumber("achievedRate", Math.Round(run.AchievedRate));
        w.WriteBoolean("sustained", run.Sustained);
        w.WriteNumber("crossCpuRoundTripP50", run.CrossCpuRoundTripP50);
        w.WriteNumber("crossCpuRoundTripP50After", run.CrossCpuRoundTripP50After);
        w.WriteBoolean("displaced", run.Displaced);
        foreach (Stage stage in Enum.GetValues<Stage>())
        {
            if (RateResult.Of(run, stage) is { } h)
            {
                WritePercentiles(w, StageName(stage), Percentiles.From(h).Values());
            }
        }

        w.WriteNumber("missingApplied", run.MissingApplied);
        w.WriteNumber("missingCallback", run.MissingCallback);
        w.WriteNumber("recorded", run.Applied.TotalCount);
        w.WriteNumber("recordedCallbacks", run.EndToEnd?.TotalCount ?? 0);
        w.WriteNumber("recordedVenueCommands", run.ToVenue?.TotalCount ?? 0);
        w.WriteNumber("operatorFirsts", run.Trace.OperatorFirsts);
        w.WriteNumber("maxBacklog", run.Trace.MaxBacklog);
        w.WriteNumber("finalBacklog", run.Trace.FinalBacklog);
        w.WriteNumber("ringFull", run.Trace.RingFull);
        w.WriteNumber("maxLagNs", run.Trace.MaxLag);
        w.WriteNumber("finalLagNs", run.Trace.FinalLag);
        WriteGcFields(w, run.Gc);
        w.WriteEndObject();
    }

    private static void WritePercentiles(Utf8JsonWriter w, string name, long[] values)
    {
        w.WriteStartObject(name);
        for (int p = 0; p < values.Length; p++)
        {
            w.WriteNumber(Percentiles.Names[p], values[p]);
        }

        w.WriteEndObject();
    }

    private static void WriteSpread(Utf8JsonWriter w, string name, Spread[] spreads)
    {
        w.WriteStartObject(name);
        for (int p = 0; p < spreads.Length; p++)
        {
            w.WriteStartObject(Percentiles.Names[p]);
            w.WriteNumber("min", spreads[p].Min);
            w.WriteNumber("median", spreads[p].Median);
            w.WriteNumber("max", spreads[p].Max);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMix(Utf8JsonWriter w, MixCounts mix)
    {
        w.WriteStartObject("mix");
        w.WriteNumber("messages", mix.Messages);
        w.WriteNumber("reports", mix.Reports);
        foreach ((string kind, long count) in mix.Kinds())
        {
            w.WriteNumber(kind, count);
        }

        w.WriteEndObject();
    }

    private static void WriteGcFields(Utf8JsonWriter w, GcDelta gc)
    {
        w.WriteNumber("gcCount", gc.Collections);
        w.WriteNumber("gen2Count", gc.Gen2);
        w.WriteNumber("allocatedBytes", gc.AllocatedBytes);
        w.WriteNumber("hotThreadAllocatedBytes", gc.WorkerAllocatedBytes);
        w.WriteNumber("hotThreadPageFaults", gc.WorkerPageFaults);
    }
}
