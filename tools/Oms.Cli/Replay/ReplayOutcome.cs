using Oms.Domain;
using Oms.Engine;

namespace Oms.Cli.Replay;

/// <summary>One anomaly seen during a replay: where in the input, what kind, and a one-line detail.</summary>
internal readonly record struct ReplayAnomaly(long Line, string Kind, string Detail);

/// <summary>
/// Names for what the engine only knows as numbers: instruments (symbol and scales), accounts, and the strings
/// behind id tokens. A FIX log supplies them all; a journal holds tokens only, so its ids print as tokens.
/// </summary>
internal sealed class ReplayNames
{
    public Func<int, InstrumentSpec?> Instrument { get; init; } = _ => null;
    public Func<int, string?> Account { get; init; } = _ => null;
    public Func<IdToken, string?> Id { get; init; } = _ => null;

    public string IdText(IdToken id) => id.IsNone ? "" : Id(id) ?? id.ToString();
    public string SymbolText(int instrument) => Instrument(instrument)?.Symbol ?? $"#{instrument}";
    public string AccountText(int account) => Account(account) ?? $"#{account}";
    public int PriceScale(int instrument) => Instrument(instrument)?.PriceScale ?? 0;
    public int QuantityScale(int instrument) => Instrument(instrument)?.QuantityScale ?? 0;
}

/// <summary>Everything a replay found: the engine's final state, the anomalies, counts and speed.</summary>
internal sealed class ReplayOutcome
{
    public required OmsEngine Engine { get; init; }
    public required ReplayNames Names { get; init; }
    public required List<ReplayAnomaly> Anomalies { get; init; }
    public required long Messages { get; init; }
    public required long BadRecords { get; init; }
    public required string? InputError { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required string Format { get; init; }

    public double Rate => Messages / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
