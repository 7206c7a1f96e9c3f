using System.CommandLine;
using Oms.Latency;
using Oms.Latency.Latency;

// Exit codes follow sysexits: 0 ok, 64 usage, 70 internal failure (a check failed), 74 output not writable.
var quick = new Option<bool>("--quick") { Description = "Small working set (10,000), short windows, 3 runs: about 30 s, for CI smoke runs." };
var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout; tables and progress go to stderr." };
var outDir = new Option<string>("--out") { Description = "Directory for .hgrm, PNG, CSV and the Markdown report.", DefaultValueFactory = _ => Path.Combine("artifacts", "latency") };
var report = new Option<string?>("--report") { Description = "Also write the Markdown report here (e.g. docs/perf/latency.md)." };
var workingSets = new Option<string?>("--working-sets") { Description = "Live orders per working set, comma-separated (default 10000,1000000; --quick 10000)." };
var rates = new Option<string?>("--rates") { Description = "Offered rates in messages/s, comma-separated, k and M suffixes allowed (default 100k,1M,5M)." };
var runs = new Option<int?>("--runs") { Description = "Measured runs per rate and per throughput comparison (default 5; --quick 3)." };
var warmupRuns = new Option<int?>("--warmup-runs") { Description = "Discarded runs before them (default 1)." };
var duration = new Option<double?>("--duration") { Description = "Seconds per latency window (default 1; --quick 0.2)." };
var throughputMessages = new Option<int?>("--throughput-messages") { Description = "Messages per throughput run (default 1,000,000; --quick 200,000)." };
var saturationMessages = new Option<int?>("--saturation-messages") { Description = "Messages per saturation window (default 2,000,000; --quick 300,000)." };
var ringCapacity = new Option<int?>("--ring-capacity") { Description = "Inbound ring slots, a power of two (default 16384); the channel gets the same bound." };
var outputCapacity = new Option<int?>("--output-capacity") { Description = "Output queue slots of the latency sessions' engines, a power of two (default 65536; the throughput comparison drains every batch and uses 1024)." };
var rowPrefetch = new Option<int?>("--row-prefetch-min-rows") { Description = "Rows in use from which the engine prefetches order rows: 0 always, 2147483647 never (default: the engine's, 65536)." };
var noHugePages = new Option<bool>("--no-huge-pages") { Description = "Engine arrays on ordinary pages: OmsEngineOptions.HugePages off (default on, as the engine's)." };
var noProducerHints = new Option<bool>("--no-producer-hints") { Description = "Latency producers do not call OmsEngine.PrefetchLookups after publishing (default: they do)." };
var layout = new Option<ThreadLayout?>("--layout") { Description = "shared: one load-generator thread publishes and drains outputs; split: separate producer and strategy threads (default: split with 3+ CPUs)." };
var engineCpu = new Option<int?>("--engine-cpu") { Description = "CPU of the engine (and every consumer) thread (default 0)." };
var loadCpu = new Option<int?>("--load-cpu") { Description = "CPU of the producer / load-generator thread (default 1)." };
var strategyCpu = new Option<int?>("--strategy-cpu") { Description = "CPU of the strategy thread in the split layout (default 2)." };
var noPin = new Option<bool>("--no-pin") { Description = "Leave thread placement to the OS." };
var noPlot = new Option<bool>("--no-plot") { Description = "Skip the PNG plots." };
var seed = new Option<int?>("--seed") { Description = "Seed of the workload (default 42)." };
var noiseSeconds = new Option<double?>("--noise-seconds") { Description = "Seconds of the machine-noise probe on each hot thread's CPU, 0 to skip (default 2; --quick 0.5)." };
var perfControl = new Option<string?>("--perf-control") { Description = "A perf control FIFO (perf record -D -1 --control fifo:PATH): the profiler records the engine's measured apply runs only." };
var placementRetries = new Option<int?>("--placement-retries") { Description = "Measured windows a session measures again when the CPUs' placement changed around one (cross-CPU round trip before or after it over 2x the run's lowest) and came back within --placement-wait, 0 to keep every window (default 2; --quick 1; needs --noise-seconds above 0)." };
var placementWait = new Option<double?>("--placement-wait") { Description = "Seconds to wait, at most, for a displaced placement to come back before measuring a window again; not back, the window is kept and marked displaced; 0 measures again at once (default 5; --quick 2)." };
var jitRounds = new Option<int?>("--jit-rounds") { Description = "Rounds of the JIT warm-up before anything is measured (default 4; --quick 2)." };

var root = new RootCommand("oms-latency: latency and throughput harness of the Oms engine (HdrHistogram, fixed offered rates, coordinated omission corrected).")
{
    quick, json, outDir, report, workingSets, rates, runs, warmupRuns, duration, throughputMessages, saturationMessages,
    ringCapacity, outputCapacity, rowPrefetch, noHugePages, noProducerHints, layout, engineCpu, loadCpu, strategyCpu, noPin, noPlot, seed, jitRounds, noiseSeconds, placementRetries, placementWait, perfControl,
};

root.SetAction(parse =>
{
    HarnessConfig preset = parse.GetValue(quick) ? HarnessConfig.QuickPreset() : new HarnessConfig();
    bool pin = !parse.GetValue(noPin);
    if (!TryList(parse.GetValue(workingSets), out long[]? sets) || !TryList(parse.GetValue(rates), out long[]? rateList))
    {
        Console.Error.WriteLine("oms-latency: --working-sets and --rates take comma-separated positive numbers (k and M suffixes allowed)");
        return 64;
    }

    var config = new HarnessConfig
    {
        WorkingSets = sets is null ? preset.WorkingSets : [.. sets.Select(n => (int)Math.Min(n, int.MaxValue))],
        Rates = rateList ?? preset.Rates,
        Runs = parse.GetValue(runs) ?? preset.Runs,
        WarmupRuns = parse.GetValue(warmupRuns) ?? preset.WarmupRuns,
        RunSeconds = parse.GetValue(duration) ?? preset.RunSeconds,
        ThroughputMessages = parse.GetValue(throughputMessages) ?? preset.ThroughputMessages,
        SaturationMessages = parse.GetValue(saturationMessages) ?? preset.SaturationMessages,
        RingCapacity = parse.GetValue(ringCapacity) ?? preset.RingCapacity,
        OutputCapacity = parse.GetValue(outputCapacity) ?? preset.OutputCapacity,
        RowPrefetchMinRows = parse.GetValue(rowPrefetch),
        HugePages = !parse.GetValue(noHugePages),
        ProducerHints = !parse.GetValue(noProducerHints),
        Layout = parse.GetValue(layout) ?? preset.Layout,
        EngineCpu = pin ? parse.GetValue(engineCpu) ?? preset.EngineCpu : -1,
        LoadCpu = pin ? parse.GetValue(loadCpu) ?? preset.LoadCpu : -1,
        StrategyCpu = pin ? parse.GetValue(strategyCpu) ?? preset.StrategyCpu : -1,
        Seed = parse.GetValue(seed) ?? preset.Seed,
        JitRounds = parse.GetValue(jitRounds) ?? preset.JitRounds,
        NoiseSeconds = parse.GetValue(noiseSeconds) ?? preset.NoiseSeconds,
        PlacementRetries = parse.GetValue(placementRetries) ?? preset.PlacementRetries,
        PlacementWaitSeconds = parse.GetValue(placementWait) ?? preset.PlacementWaitSeconds,
        OutDir = parse.GetValue(outDir)!,
        ReportPath = parse.GetValue(report),
        Plot = !parse.GetValue(noPlot),
        PerfControlPath = parse.GetValue(perfControl),
        Quick = preset.Quick,
        CommandLine = "dotnet run -c Release --project perf/Oms.Latency --" + string.Concat(args.Select(a => " " + a)),
    };
    return HarnessMain.Run(config, parse.GetValue(json), Console.Out, Console.Error);
});

ParseResult result = root.Parse(args);
if (result.Errors.Count > 0)
{
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine($"oms-latency: {error.Message}");
    }

    return 64;
}

return result.Invoke();

static bool TryList(string? text, out long[]? values)
{
    values = null;
    if (text is null)
    {
        return true;
    }

    var list = new List<long>();
    foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        if (!Format.TryParseRate(part, out long v))
        {
            return false;
        }

        list.Add(v);
    }

    values = [.. list];
    return values.Length > 0;
}
