using Oms.Engine;
using Oms.Ring;

namespace Oms.Benchmarks.Support;

/// <summary>
/// An engine as the apply benchmarks drive it: every strategy stream open, every output queue drained on the
/// benchmark thread every <see cref="DrainEvery"/> applied messages so no queue ever fills. The engine commits
/// every preallocated table itself when it is built (docs/decisions/0009-commit-every-table.md), so no page
/// fault lands in a measurement.
/// </summary>
/// <remarks>
/// Draining in the loop keeps the output queues small and cache-resident: the measured cost is the engine's
/// own work plus a near-free consumer (<see cref="OutputSink"/> reads one field per item). What a real
/// consumer on another core adds (each output line moving between caches) is not measured here.
/// </remarks>
public sealed class EngineRig
{
    /// <summary>Applied messages between two drains of every output queue (a power of two).</summary>
    public const int DrainEvery = 64;

    private readonly OmsEngine _engine;
    private readonly EventStream[] _streams;
    private readonly SpscQueue<VenueCommand>[] _venues;
    private readonly EventStream _anomalies;
    private OutputSink _sink;

    /// <summary>Builds the engine and opens its streams.</summary>
    public EngineRig(OmsEngineOptions options)
    {
        _engine = new OmsEngine(options);
        _streams = new EventStream[options.MaxStrategies];
        for (int s = 1; s <= options.MaxStrategies; s++)
        {
            _streams[s - 1] = _engine.OpenStrategyStream(s);
        }

        _venues = new SpscQueue<VenueCommand>[options.MaxVenues];
        for (int v = 1; v <= options.MaxVenues; v++)
        {
            _venues[v - 1] = _engine.VenueQueue(v);
        }

        _anomalies = _engine.Anomalies;
    }

    /// <summary>The engine under test.</summary>
    public OmsEngine Engine => _engine;

    /// <summary>
    /// Applies every message in order in batches of <see cref="DrainEvery"/> (as the engine's duty cycle applies
    /// a drained ring batch), draining the outputs after each; returns the sink's checksum.
    /// </summary>
    public long ApplyAll(OmsMessage[] messages)
    {
        OmsEngine engine = _engine;
        for (int i = 0; i < messages.Length; i += DrainEvery)
        {
            // A batch, as DoWork hands the engine a drained ring batch: it prefetches index lines ahead.
            engine.Apply(messages.AsSpan(i, Math.Min(DrainEvery, messages.Length - i)));
            DrainOutputs();
        }

        DrainOutputs();
        return _sink.Checksum;
    }

    /// <summary>Empties every strategy stream, venue queue and the anomaly stream.</summary>
    public void DrainOutputs()
    {
        foreach (EventStream stream in _streams)
        {
            stream.Drain(ref _sink, int.MaxValue);
        }

        foreach (SpscQueue<VenueCommand> venue in _venues)
        {
            venue.Drain(ref _sink, int.MaxValue);
        }

        _anomalies.Drain(ref _sink, int.MaxValue);
    }
}

/// <summary>The cheapest honest consumer: reads one field of each item so the drain cannot be elided.</summary>
public struct OutputSink : IRingHandler<OmsEvent>, IRingHandler<VenueCommand>
{
    /// <summary>A sum over what was read.</summary>
    public long Checksum;

    /// <inheritdoc/>
    public void OnMessage(ref OmsEvent message, long sequence) => Checksum += message.Sequence;

    /// <inheritdoc/>
    public void OnMessage(ref VenueCommand message, long sequence) => Checksum += message.Timestamp;
}
