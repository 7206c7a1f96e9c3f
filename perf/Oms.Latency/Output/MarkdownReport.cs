using System.Text;
using Oms.Engine;
using Oms.Latency.Latency;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Latency.Workload;

namespace Oms.Latency.Output;

/// <summary>The Markdown report: the machine, the workload, the method, the commands, then every table.</summary>
public static class MarkdownReport
{
    /// <summary>The report's text.</summary>
    public static string Build(HarnessResult r)
    {
        var s = new StringBuilder();
        MachineInfo m = r.Machine;
        s.AppendLine("# Latency harness results").AppendLine();
        s.AppendLine($"Produced by `perf/Oms.Latency` on {r.StartedAt:yyyy-MM-dd HH:mm} UTC in {r.Elapsed.TotalSeconds:0} s" +
            $"{(r.Config.Quick ? " with `--quick` (short windows, few runs: a smoke run, not figures to quote)" : "")}. " +
            "How to run it and read it: [latency-harness.md](latency-harness.md).").AppendLine();
        s.AppendLine("## Command").AppendLine().AppendLine("```sh").AppendLine(r.Config.CommandLine).AppendLine("```").AppendLine();
        s.AppendLine("## Machine").AppendLine().AppendLine("| | |").AppendLine("|---|---|");
        Row(s, "CPU", $"{m.Cpu}; {m.LogicalCpus} logical CPUs");
        Row(s, "memory", Format.Bytes(m.MemoryBytes));
        Row(s, "OS", $"{m.Os}; {m.Kernel}; clocksource `{m.ClockSource}`; transparent huge pages `{m.TransparentHugePages}`");
        Row(s, ".NET", $"{m.Runtime}; GC {m.Gc}");
        Row(s, "code", $"`{m.Commit}`");
        Row(s, "load average (1, 5, 15 min)", $"{m.LoadAverage} before, {r.LoadAverageAfter} after");
        Row(s, "threads", Threads(r));
        s.AppendLine();
        Workload(s, r);
        Method(s, r);
        foreach (TextTable t in ReportTables.All(r))
        {
            Table(s, t);
        }

        string[] warnings = [.. r.Warnings()];
        s.AppendLine("## Warnings").AppendLine();
        s.AppendLine(warnings.Length == 0 ? "None: every message was applied and called back, every check passed, every window was GC-free." : "");
        foreach (string w in warnings)
        {
            s.AppendLine($"* {w}");
        }

        return s.ToString();
    }

    private static string Threads(HarnessResult r) =>
        $"layout `{r.Layout.ToString().ToLowerInvariant()}`: engine thread on CPU {r.Config.EngineCpu} (pinned: {r.Pinned.Engine}), " +
        (r.Layout == ThreadLayout.Shared
            ? $"one load-generator thread on CPU {r.Config.LoadCpu} (pinned: {r.Pinned.Producer}) that publishes on schedule and drains every output queue between bursts"
            : $"producer on CPU {r.Config.LoadCpu} (pinned: {r.Pinned.Producer}), strategy thread on CPU {r.Config.StrategyCpu} (pinned: {r.Pinned.Strategy})") +
        "; the coordinator thread is blocked during windows";

    private static void Workload(StringBuilder s, HarnessResult r)
    {
        s.AppendLine("## Workload").AppendLine();
        s.AppendLine($"Working sets of {string.Join(" and ", r.Config.WorkingSets.Select(n => Format.Count(n)))} live orders: the engine first applies N new " +
            "orders and their acknowledgements (not measured), then the measured mix over them, which holds the live count at N. " +
            $"Per 100 messages: {WorkingSetGenerator.FillWeight} partial fills, 4 new orders + 4 acknowledgements, 4 cancel requests + 4 cancels, " +
            $"3 replace requests + 3 replaces, 3 duplicate reports (an ExecID already applied); each venue answer follows its request by " +
            $"{WorkingSetGenerator.ConfirmDelay} messages. {WorkloadMessages.Strategies} strategies and accounts, {WorkloadMessages.Instruments} instruments, " +
            $"{WorkloadMessages.Venues} venues; seed {r.Config.Seed}. Streams are generated before each window; producers only copy, stamp and publish, " +
            (r.Config.ProducerHints ? "then ask for the index lines the engine will look up (`OmsEngine.PrefetchLookups`, after the stamp)." : "without asking for the engine's index lines (`--no-producer-hints`).")).AppendLine();
        s.AppendLine("| live orders | engine options | mix applied by the 1st rate's session (warm-up included) |").AppendLine("|---|---|---|");
        foreach (WorkingSetResult ws in r.WorkingSets)
        {
            RateResult? first = ws.Latency.FirstOrDefault();
            OmsEngineOptions? o = first?.Options;
            string options = o is null ? "" : $"MaxOrders {Format.Count(o.MaxOrders)}, MaxClOrdIds {Format.Count(o.MaxClOrdIds)}, MaxExecIds {Format.Count(o.MaxExecIds)}, " +
                $"MaxFills {Format.Count(o.MaxFills)}, ring {Format.Count(o.RingCapacity)}, output queues {Format.Count(o.StrategyEventCapacity)}, " +
                $"rows prefetched from {Format.Count(o.RowPrefetchMinRows)} rows in use, " +
                (o.HugePages ? $"huge pages asked for {Format.Bytes(first!.HugePageBytes)} of arrays" : "huge pages off");
            string mix = first?.Mix is { } mc ? string.Join(", ", mc.Kinds().Select(k => $"{k.Kind} {Format.Count(k.Count)}")) : "";
            s.AppendLine($"| {Format.Count(ws.LiveOrders)} | {options} | {mix} |");
        }

        s.AppendLine();
    }

    private static void Method(StringBuilder s, HarnessResult r)
    {
        HarnessConfig c = r.Config;
        s.AppendLine("## Method").AppendLine();
        s.AppendLine($"* Offered rates {string.Join(", ", c.Rates.Select(x => Format.Rate(x)))}; per rate a fresh engine, {c.WarmupRuns} discarded warm-up " +
            $"window(s), then {c.Runs} measured windows of {c.RunSeconds:0.###} s each (messages = rate × duration). Before everything, {c.JitRounds} rounds " +
            "of every hot path on a small working set let the tiered JIT install optimised code.");
        s.AppendLine("* Message i is due at start + i/rate. The producer stamps `OmsMessage.Timestamp` with the clock read that found the message due, then copies and publishes it (no clock read between); a burst's later messages read the clock again just before their publish. " +
            "**Coordinated omission is corrected by measuring from the scheduled send time**, so a producer held back (full ring, busy thread) " +
            "charges the wait to every late message; the stamp-based figures (not corrected) are kept for comparison.");
        s.AppendLine("* *Applied*: the engine thread reads the clock once after each `DoWork` batch and stamps every message of the batch. " +
            "*Callback*: the strategy-side thread reads the clock at the first output event of each message (its owner's stream; for duplicates, " +
            "which tell the strategy nothing, the operator's anomaly stream). *Venue command read*: the gateway-side thread reads the clock when it reads " +
            "the venue command a new order, cancel or replace caused (commands only: tick-to-trade through the engine). " +
            "*Ring only*: the same producer into a bare `MpscRing` (single-producer mode, as the engine's), drained by a pinned " +
            "consumer that stamps as the engine thread does; *engine adds* = applied − ring only, per percentile.");
        s.AppendLine("* Percentiles per window from HdrHistogram (3 significant digits); tables show the median over runs and the p99's min–max. " +
            "GC: collections and `GC.GetTotalAllocatedBytes(precise: true)` across each window, plus the hot threads' own allocation " +
            "and page faults (minor and major, from `/proc/thread-self/stat`; the engine commits its tables when it is built, so its thread should take none).");
        s.AppendLine($"* Throughput: the same stream, in line-aligned memory as the ring's slots, applied by `OmsEngine.Apply` (outputs drained every 64 messages on the same thread, from " +
            $"output queues of {Format.Count(EngineSizing.BatchDrainedOutputCapacity)} slots that stay in cache; a dropped event would fail the run) and by " +
            $"`ReferenceOms`, {Format.Count(c.ThroughputMessages)} messages per run; ring (single- and multi-producer mode) vs bounded `Channel` moving the same " +
            "messages (the stream's first 4,096, cycled, so the producer's source stays in its cache) from the producer's CPU to the engine's, unthrottled. The engine's inbound ring runs in single-producer mode here " +
            "(`OmsEngineOptions.InboundProducers`): the load generator is its only producer. Saturation: an unthrottled window, then offered rates from that ceiling down in 10% steps " +
            "until one is sustained (last message at most max(1 ms, 1% of the window) late, backlog then under half the ring).");
        s.AppendLine(c.NoiseSeconds <= 0
            ? "* Placement guard off (no machine probes): every measured window is kept, whatever the cross-CPU round trip around it."
            : $"* Placement guard: the cross-CPU round trip is probed just before and just after every measured latency and saturation window; when either is over " +
              $"{Support.PlacementGuard.SlowFactor:0.#}× the lowest seen this run, the hypervisor had moved the vCPUs around that window: " +
              (c.PlacementRetries > 0
                  ? $"if the placement comes back within {c.PlacementWaitSeconds:0.#} s the window is measured again (up to {c.PlacementRetries} per session), " +
                    "otherwise it is kept and marked *displaced*. Windows measured again are listed beside the round trips, in no figure."
                  : "it is kept and marked *displaced* (`--placement-retries 0`).")).AppendLine();
    }

    private static void Table(StringBuilder s, TextTable t)
    {
        s.AppendLine($"## {t.Title}").AppendLine();
        s.AppendLine($"| {string.Join(" | ", t.Headers)} |");
        s.AppendLine($"|{string.Concat(t.Headers.Select(_ => "---|"))}");
        foreach (string[] row in t.Rows)
        {
            s.AppendLine($"| {string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))} |");
        }

        s.AppendLine();
    }

    private static void Row(StringBuilder s, string key, string value) => s.AppendLine($"| {key} | {value} |");
}
