using HdrHistogram;
using Oms.Engine;
using Oms.Latency.Workload;

namespace Oms.Latency.Results;

/// <summary>The measured latency stages, as the tables, files and JSON name them.</summary>
public enum Stage
{
    /// <summary>Scheduled send → strategy callback (coordinated omission corrected): the headline.</summary>
    EndToEnd,
    /// <summary>Scheduled send → state applied on the engine thread (or received, ring only).</summary>
    Applied,
    /// <summary>Producer stamp → strategy callback (not corrected).</summary>
    EndToEndFromStamp,
    /// <summary>Producer stamp → state applied (not corrected).</summary>
    AppliedFromStamp,
    /// <summary>
    /// Scheduled send → the command's venue command read on the gateway side (coordinated omission corrected):
    /// tick-to-trade through the engine, for the messages that send one (new orders, cancels, replaces).
    /// </summary>
    ToVenue,
}

/// <summary>Every measured window at one offered rate (engine on a working set, or the ring alone).</summary>
public sealed class RateResult
{
    /// <summary>Live orders (0 for the ring alone).</summary>
    public required int LiveOrders { get; init; }
    /// <summary>Offered rate, messages/s.</summary>
    public required long Rate { get; init; }
    /// <summary>The measured windows (warm-up excluded).</summary>
    public List<WindowResult> Runs { get; } = [];
    /// <summary>Windows measured on a displaced placement and measured again (see <see cref="Support.PlacementGuard"/>); not in <see cref="Runs"/>.</summary>
    public List<WindowResult> Repeated { get; } = [];
    /// <summary>Whether the consumer (engine), producer and strategy threads were pinned where asked.</summary>
    public (bool Consumer, bool Producer, bool Strategy) Pinned { get; init; }
    /// <summary>The strategy-side thread layout.</summary>
    public Latency.ThreadLayout Layout { get; init; }
    /// <summary>The engine's options (null for the ring alone).</summary>
    public OmsEngineOptions? Options { get; init; }
    /// <summary>Bytes of the engine's arrays it asked the kernel to back with 2 MiB pages (see <see cref="OmsEngine.HugePageBytes"/>).</summary>
    public long HugePageBytes { get; init; }
    /// <summary>What the session's mix held, warm-up included (null for the ring alone).</summary>
    public MixCounts? Mix { get; set; }
    /// <summary>Null when the engine's counters matched the workload; otherwise what differed.</summary>
    public string? Problem { get; set; }

    /// <summary>True when this is the ring alone.</summary>
    public bool RingOnly => LiveOrders == 0;

    /// <summary>True when every measured window carried the offered rate.</summary>
    public bool Sustained => Runs.All(r => r.Sustained);

    /// <summary>The stages this result has.</summary>
    public IEnumerable<Stage> Stages => RingOnly ? [Stage.Applied, Stage.AppliedFromStamp] : Enum.GetValues<Stage>();

    /// <summary>One window's histogram of a stage.</summary>
    public static LongHistogram? Of(WindowResult w, Stage stage) => stage switch
    {
        Stage.EndToEnd => w.EndToEnd,
        Stage.Applied => w.Applied,
        Stage.EndToEndFromStamp => w.EndToEndFromStamp,
        Stage.ToVenue => w.ToVenue,
        _ => w.AppliedFromStamp,
    };

    /// <summary>Every measured window of a stage, summed.</summary>
    public LongHistogram Total(Stage stage) => Histograms.Sum(Runs.Select(r => Of(r, stage)).OfType<LongHistogram>());

    /// <summary>Each percentile's min, median and max over the runs, in the order of <see cref="Percentiles.Names"/>.</summary>
    public Spread[] Spreads(Stage stage)
    {
        long[][] perRun = [.. Runs.Select(r => Of(r, stage)).OfType<LongHistogram>().Select(h => Percentiles.From(h).Values())];
        var spreads = new Spread[Percentiles.Names.Length];
        for (int p = 0; p < spreads.Length; p++)
        {
            spreads[p] = Spread.Of([.. perRun.Select(v => v[p])]);
        }

        return spreads;
    }

    /// <summary>The median over runs of each percentile: the figure the tables report.</summary>
    public long[] Medians(Stage stage) => [.. Spreads(stage).Select(s => s.Median)];
}
