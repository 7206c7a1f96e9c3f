using Oms.Latency.Latency;

namespace Oms.Latency;

/// <summary>Everything a harness run is told: what to measure, how long, where threads go, where results go.</summary>
public sealed class HarnessConfig
{
    /// <summary>Live orders of each working set measured.</summary>
    public IReadOnlyList<int> WorkingSets { get; init; } = [10_000, 1_000_000];

    /// <summary>Offered rates, messages/s.</summary>
    public IReadOnlyList<long> Rates { get; init; } = [100_000, 1_000_000, 5_000_000];

    /// <summary>Measured runs (windows) per rate, and measured slices per throughput comparison.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Discarded runs before the measured ones, per rate and per comparison.</summary>
    public int WarmupRuns { get; init; } = 1;

    /// <summary>Length of one latency window, seconds (messages = rate × this).</summary>
    public double RunSeconds { get; init; } = 1.0;

    /// <summary>Messages per throughput run (engine, reference, ring, channel).</summary>
    public int ThroughputMessages { get; init; } = 1_000_000;

    /// <summary>Messages per saturation window.</summary>
    public int SaturationMessages { get; init; } = 2_000_000;

    /// <summary>Inbound ring slots (engine and ring-only runs; the channel baseline gets the same bound).</summary>
    public int RingCapacity { get; init; } = 16_384;

    /// <summary>
    /// Output queue slots of the latency sessions' engines (strategy streams, venue queues, anomalies), drained
    /// by a strategy thread; the apply-throughput runs drain on the engine's thread and use
    /// <see cref="Workload.EngineSizing.BatchDrainedOutputCapacity"/>.
    /// </summary>
    public int OutputCapacity { get; init; } = Workload.EngineSizing.OutputCapacity;

    /// <summary>
    /// The engine's <see cref="Oms.Engine.OmsEngineOptions.RowPrefetchMinRows"/>; null: the engine's default.
    /// 0 always prefetches order rows, <see cref="int.MaxValue"/> never does (to measure what it buys).
    /// </summary>
    public int? RowPrefetchMinRows { get; init; }

    /// <summary>
    /// The engine's <see cref="Oms.Engine.OmsEngineOptions.HugePages"/>: whether it asks the kernel for 2 MiB pages
    /// for its large arrays (on by default, as the engine's; off to measure what they buy).
    /// </summary>
    public bool HugePages { get; init; } = true;

    /// <summary>
    /// Whether the latency sessions' producer, right after publishing each message, asks for the index lines the
    /// engine will look up (<see cref="Oms.Engine.OmsEngine.PrefetchLookups"/>), as a co-hosted gateway would
    /// (on by default; off to measure what it buys).
    /// </summary>
    public bool ProducerHints { get; init; } = true;

    /// <summary>Strategy-side thread layout.</summary>
    public ThreadLayout Layout { get; init; } = Environment.ProcessorCount >= 3 ? ThreadLayout.Split : ThreadLayout.Shared;

    /// <summary>CPU of the engine thread (and of every consumer thread); -1: not pinned.</summary>
    public int EngineCpu { get; init; } = Environment.ProcessorCount >= 2 ? 0 : -1;

    /// <summary>CPU of the load generator (producer) thread; -1: not pinned.</summary>
    public int LoadCpu { get; init; } = Environment.ProcessorCount >= 2 ? 1 : -1;

    /// <summary>CPU of the strategy thread in the split layout; -1: not pinned.</summary>
    public int StrategyCpu { get; init; } = Environment.ProcessorCount >= 3 ? 2 : -1;

    /// <summary>Seed of the workload.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Seconds of the machine-noise probe on each hot thread's CPU (0: skip it).</summary>
    public double NoiseSeconds { get; init; } = 2;

    /// <summary>
    /// Measured windows a session may measure again when the CPUs' placement changed around one (the cross-CPU round
    /// trip before or after it over <see cref="Support.PlacementGuard.SlowFactor"/> × the run's lowest); 0 keeps every
    /// window. Needs the machine probes (<see cref="NoiseSeconds"/> above 0).
    /// </summary>
    public int PlacementRetries { get; init; } = 2;

    /// <summary>Seconds to wait, at most, for a displaced placement to come back before measuring a window again.</summary>
    public double PlacementWaitSeconds { get; init; } = 5;

    /// <summary>Rounds of the JIT warm-up before anything is measured.</summary>
    public int JitRounds { get; init; } = 4;

    /// <summary>Where .hgrm, PNG, CSV and the Markdown report go.</summary>
    public string OutDir { get; init; } = Path.Combine("artifacts", "latency");

    /// <summary>A second place for the Markdown report (e.g. docs/perf/latency.md); null: none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Write the PNG plots.</summary>
    public bool Plot { get; init; } = true;

    /// <summary>
    /// A perf control FIFO (<c>perf record -D -1 --control fifo:PATH</c>): the engine's measured apply runs switch
    /// the profiler on and off through it (see <see cref="Support.PerfControl"/>); null: none.
    /// </summary>
    public string? PerfControlPath { get; init; }

    /// <summary>The --quick preset was asked for.</summary>
    public bool Quick { get; init; }

    /// <summary>The command line, as the report states it.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>The --quick preset: one 10,000-order working set, short windows, fewer runs (about 30 s).</summary>
    public static HarnessConfig QuickPreset() => new()
    {
        WorkingSets = [10_000],
        Runs = 3,
        WarmupRuns = 1,
        RunSeconds = 0.2,
        ThroughputMessages = 200_000,
        SaturationMessages = 300_000,
        JitRounds = 2,
        NoiseSeconds = 0.5,
        PlacementRetries = 1,
        PlacementWaitSeconds = 2,
        Quick = true,
    };

    /// <summary>The CPUs of the hot threads of the engine windows (-1 where not pinned).</summary>
    public int[] HotCpus() => Layout == ThreadLayout.Split ? [EngineCpu, LoadCpu, StrategyCpu] : [EngineCpu, LoadCpu];

    /// <summary>
    /// The pairs of CPUs a message crosses between on its way from producer to strategy callback, upstream CPU
    /// first: producer → engine, and engine → strategy thread in the split layout (in the shared layout the
    /// producer's thread is also the strategy side, so the one pair is crossed both ways). Pairs whose two CPUs
    /// are the same pinned CPU are left out: nothing crosses there.
    /// </summary>
    public IEnumerable<(int From, int To)> CrossedCpuPairs()
    {
        (int, int)[] pairs = Layout == ThreadLayout.Split ? [(LoadCpu, EngineCpu), (EngineCpu, StrategyCpu)] : [(LoadCpu, EngineCpu)];
        return pairs.Where(p => p.Item1 < 0 || p.Item1 != p.Item2).Distinct();
    }

    /// <summary>Messages in one latency window at <paramref name="rate"/>.</summary>
    public int WindowMessages(long rate) => (int)Math.Clamp(rate * RunSeconds, 1, int.MaxValue / 2);

    /// <summary>Null when every value is usable; otherwise the first problem, naming the option.</summary>
    public string? Validate()
    {
        if (WorkingSets.Count == 0 || WorkingSets.Any(n => n < 1 || n > 50_000_000))
        {
            return "--working-sets: each must be in 1..50,000,000";
        }

        if (Rates.Count == 0 || Rates.Any(r => r < 1 || r > 100_000_000))
        {
            return "--rates: each must be in 1..100,000,000 messages/s";
        }

        if (Runs < 1 || WarmupRuns < 0)
        {
            return "--runs must be at least 1 and --warmup-runs at least 0";
        }

        if (RunSeconds <= 0 || Rates.Max() * RunSeconds > 200_000_000)
        {
            return "--duration must be positive and keep rate × duration at most 200,000,000 messages";
        }

        if (ThroughputMessages < 1_000 || SaturationMessages < 1_000)
        {
            return "--throughput-messages and --saturation-messages must be at least 1,000";
        }

        if (JitRounds < 0 || NoiseSeconds < 0)
        {
            return "--jit-rounds and --noise-seconds must be at least 0";
        }

        if (PlacementRetries is < 0 or > 100)
        {
            return "--placement-retries must be in 0..100";
        }

        if (PlacementWaitSeconds is < 0 or > 600 || double.IsNaN(PlacementWaitSeconds))
        {
            return "--placement-wait must be in 0..600 seconds";
        }

        if (RingCapacity < 2 || (RingCapacity & (RingCapacity - 1)) != 0)
        {
            return "--ring-capacity must be a power of two";
        }

        if (OutputCapacity < 2 || (OutputCapacity & (OutputCapacity - 1)) != 0)
        {
            return "--output-capacity must be a power of two";
        }

        if (PerfControlPath is not null && !File.Exists(PerfControlPath))
        {
            return $"--perf-control: {PerfControlPath} does not exist (make it with mkfifo and give it to perf record --control fifo:PATH)";
        }

        if (RowPrefetchMinRows < 0)
        {
            return "--row-prefetch-min-rows must be at least 0";
        }

        return null;
    }
}
