using Oms.Engine;

namespace Oms.Cli.Replay;

/// <summary>One anomaly seen during a replay: where in the input, what kind, and a one-line detail.</summary>
internal readonly record struct ReplayAnomaly(long Line, string Kind, string Detail);

/// <summary>Everything a replay found: the engine's final state, the anomalies, counts and speed.</summary>
internal sealed class ReplayOutcome
{
    public required OmsEngine Engine { get; init; }
    public required ReplayNames Names { get; init; }
    public required List<ReplayAnomaly> Anomalies { get; init; }
    public required long Messages { get; init; }
    public required long BadRecords { get; init; }

    /// <summary>Session-level FIX messages skipped (Logon, Heartbeat, …); 0 for a journal.</summary>
    public long SessionMessages { get; init; }
    public required string? InputError { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required string Format { get; init; }

    /// <summary>A one-line note for stderr about the names (a journal without a usable names file).</summary>
    public string? NamesNote { get; init; }

    /// <summary>True when the journal's names file exists but is damaged (bad data: exit 65).</summary>
    public bool NamesDamaged { get; init; }

    public double Rate => Messages / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
