using System.Diagnostics;
using Oms.Latency.Latency;
using Oms.Latency.Results;

namespace Oms.Latency;

/// <summary>One line per window and phase on stderr (or nowhere), so a long run shows where it is.</summary>
public sealed class Progress(TextWriter? writer)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _pinningShown;

    /// <summary>Writes a phase heading.</summary>
    public void Phase(string text) => Line($"== {text}");

    /// <summary>Writes a free line.</summary>
    public void Line(string text) => writer?.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {text}");

    /// <summary>Writes where the hot threads went (once).</summary>
    public void Pinning(LatencyRig rig)
    {
        if (_pinningShown)
        {
            return;
        }

        _pinningShown = true;
        (bool consumer, bool producer, bool strategy) = rig.Pinned;
        Line($"layout {rig.Layout}; pinned: engine {consumer}, load generator {producer}, strategy {strategy}");
    }

    /// <summary>Writes one window's headline.</summary>
    public void Window(WindowResult w, bool warm)
    {
        var stage = w.EndToEnd ?? w.Applied;
        Percentiles p = Percentiles.From(stage);
        string what = w.EndToEnd is null ? "received" : "end-to-end";
        Line($"{w.Name}{(warm ? " (discarded)" : "")}: {Format.Rate(w.AchievedRate)} achieved{(w.Sustained ? "" : " NOT SUSTAINED")}, " +
            $"{what} p50 {Format.Ns(p.P50)} p99 {Format.Ns(p.P99)} p99.9 {Format.Ns(p.P999)} max {Format.Ns(p.Max)}, " +
            $"{w.Gc.Collections} GC, {Format.Bytes(w.Gc.AllocatedBytes)}");
    }
}
