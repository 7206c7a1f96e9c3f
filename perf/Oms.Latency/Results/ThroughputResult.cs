using Oms.Latency.Support;
using Oms.Latency.Workload;

namespace Oms.Latency.Results;

/// <summary>The measured runs of one throughput contestant: messages/s per run and the GC in each.</summary>
public sealed class ThroughputSeries(string name)
{
    /// <summary>Who ran ("engine", "reference", "ring", "ringMulti", "channels").</summary>
    public string Name { get; } = name;
    /// <summary>Messages per second, per measured run.</summary>
    public List<double> Rates { get; } = [];
    /// <summary>The collector during each measured run.</summary>
    public List<GcDelta> Gc { get; } = [];

    /// <summary>The median run.</summary>
    public double Median => Rates.Count == 0 ? 0 : Rates.Order().ElementAt(Rates.Count / 2);
    /// <summary>The slowest run.</summary>
    public double Min => Rates.Count == 0 ? 0 : Rates.Min();
    /// <summary>The fastest run.</summary>
    public double Max => Rates.Count == 0 ? 0 : Rates.Max();

    /// <summary>Adds a run.</summary>
    public void Add(long messages, long nanoseconds, GcDelta gc)
    {
        Rates.Add(messages * 1e9 / Math.Max(1, nanoseconds));
        Gc.Add(gc);
    }
}

/// <summary>The engine against the reference model, applying the same stream on one thread.</summary>
public sealed class ApplyThroughputResult
{
    /// <summary>Live orders of the working set.</summary>
    public required int LiveOrders { get; init; }
    /// <summary>Messages per run.</summary>
    public required int MessagesPerRun { get; init; }
    /// <summary>The whole stream's mix (every run's messages).</summary>
    public required MixCounts Mix { get; init; }
    /// <summary>The engine's runs.</summary>
    public ThroughputSeries Engine { get; } = new("engine");
    /// <summary>The reference model's runs.</summary>
    public ThroughputSeries Reference { get; } = new("reference");
    /// <summary>Null when both models did what the workload expects.</summary>
    public string? Problem { get; set; }

    /// <summary>Engine throughput over the reference's (medians).</summary>
    public double Ratio => Reference.Median > 0 ? Engine.Median / Reference.Median : 0;

    /// <summary>Execution reports per second through the engine (median; reports are this share of the messages).</summary>
    public double EngineReportsPerSecond => Engine.Median * Mix.Reports / Math.Max(1, Mix.Messages);
}

/// <summary>The ring against a bounded Channel, moving the same messages from one thread to another.</summary>
public sealed class RingThroughputResult
{
    /// <summary>Messages per run.</summary>
    public required int MessagesPerRun { get; init; }
    /// <summary>Slots of both (the channel's bound).</summary>
    public required int Capacity { get; init; }
    /// <summary>The ring's runs in single-producer mode, as the engine is configured for one producer thread.</summary>
    public ThroughputSeries Ring { get; } = new("ring");
    /// <summary>The ring's runs in multi-producer mode (a compare-and-swap per claim), with the same one producer.</summary>
    public ThroughputSeries RingMulti { get; } = new("ringMulti");
    /// <summary>The channel's runs.</summary>
    public ThroughputSeries Channels { get; } = new("channels");
    /// <summary>Producer and consumer pinned as asked.</summary>
    public (bool Producer, bool Consumer) Pinned { get; set; }

    /// <summary>Ring throughput (single-producer mode) over the channel's (medians).</summary>
    public double Ratio => Channels.Median > 0 ? Ring.Median / Channels.Median : 0;

    /// <summary>Ring throughput in multi-producer mode over the channel's (medians).</summary>
    public double RatioMulti => Channels.Median > 0 ? RingMulti.Median / Channels.Median : 0;

    /// <summary>
    /// The cross-CPU round trip (p50, ns; 0 when not probed) before and after each measured round (ring, ring in
    /// multi-producer mode, channel), in order.
    /// </summary>
    public List<(long Before, long After)> Rounds { get; } = [];

    /// <summary>True when a round ran on a displaced placement and the comparison was kept all the same.</summary>
    public bool Displaced { get; set; }

    /// <summary>The comparison as first measured, when it ran on a displaced placement and was measured again; in no figure.</summary>
    public RingThroughputResult? SetAside { get; set; }
}

/// <summary>The search for the highest offered rate the whole loop sustains.</summary>
public sealed class SaturationResult
{
    /// <summary>Live orders of the working set.</summary>
    public required int LiveOrders { get; init; }
    /// <summary>The unthrottled window: the producer publishes whenever the ring has room.</summary>
    public WindowResult? Unthrottled { get; set; }
    /// <summary>Offered-rate windows, highest first, until one was sustained.</summary>
    public List<WindowResult> Tries { get; } = [];
    /// <summary>Windows measured on a displaced placement and measured again (see <see cref="Support.PlacementGuard"/>).</summary>
    public List<WindowResult> Repeated { get; } = [];
    /// <summary>Null when the engine did what the workload expects.</summary>
    public string? Problem { get; set; }

    /// <summary>The highest sustained offered rate tried (0 when none was).</summary>
    public long MaxSustained => Tries.Where(t => t.Sustained).Select(t => t.OfferedRate).DefaultIfEmpty(0).Max();
}

/// <summary>Everything measured on one working set.</summary>
public sealed class WorkingSetResult
{
    /// <summary>Live orders.</summary>
    public required int LiveOrders { get; init; }
    /// <summary>Engine against reference.</summary>
    public ApplyThroughputResult? Throughput { get; set; }
    /// <summary>Latency at each offered rate.</summary>
    public List<RateResult> Latency { get; } = [];
    /// <summary>The saturation search.</summary>
    public SaturationResult? Saturation { get; set; }
}
