using Oms.Engine;
using Oms.Latency.Support;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>
/// Records, for each window message, when its first output event arrived: the strategy callback. Reads one
/// clock per event, on the strategy-side thread.
/// </summary>
public struct CallbackRecorder : IRingHandler<OmsEvent>
{
    /// <summary>Arrival times by message index (0 = not yet).</summary>
    public long[] Callback;
    /// <summary>The engine's input sequence of the window's first message.</summary>
    public long InputBase;
    /// <summary>Messages in the window.</summary>
    public long Count;
    /// <summary>Events read.</summary>
    public long Events;
    /// <summary>Messages whose first event this recorder saw.</summary>
    public long Firsts;

    /// <inheritdoc/>
    public void OnMessage(ref OmsEvent e, long sequence)
    {
        Events++;
        long index = e.InputSequence - InputBase;
        if ((ulong)index < (ulong)Count && Callback[index] == 0)
        {
            Callback[index] = NanoClock.Now();
            Firsts++;
        }
    }
}

/// <summary>
/// The gateway side of the loop: counts venue commands and records, for each window message, when the venue
/// command it caused arrived (one clock read per command).
/// </summary>
public struct CommandSink : IRingHandler<VenueCommand>
{
    /// <summary>Arrival times by message index (0 = none yet); empty outside a window.</summary>
    public long[] Arrived;
    /// <summary>The engine's input sequence of the window's first message.</summary>
    public long InputBase;
    /// <summary>Messages in the window.</summary>
    public long Count;
    /// <summary>Commands read.</summary>
    public long Commands;

    /// <inheritdoc/>
    public void OnMessage(ref VenueCommand message, long sequence)
    {
        Commands++;
        long index = message.InputSequence - InputBase;
        if ((ulong)index < (ulong)Count && Arrived[index] == 0)
        {
            Arrived[index] = NanoClock.Now();
        }
    }
}

/// <summary>
/// Every output queue of an engine, drained from one thread: the strategies' event streams (their callbacks),
/// the venues' command queues (the gateways) and the operator's anomaly stream.
/// </summary>
/// <remarks>
/// A message's "callback" is its first output event: on its owner's stream for every message of the workload
/// except duplicates, which change nothing and tell the strategy nothing, and whose only event is the
/// operator's anomaly (counted apart as <see cref="Operator"/> firsts).
/// </remarks>
public sealed class EngineOutputs
{
    private readonly EventStream[] _streams;
    private readonly SpscQueue<VenueCommand>[] _venues;
    private readonly EventStream _anomalies;

    // Fields, not properties: the drains take them by reference. Written by the one thread draining.
    /// <summary>The recorder of strategy events.</summary>
    public CallbackRecorder Strategy;
    /// <summary>The recorder of operator (anomaly) events.</summary>
    public CallbackRecorder Operator;
    /// <summary>The venue command counter.</summary>
    public CommandSink Venue;

    /// <summary>Opens every strategy stream of <paramref name="engine"/> (before any traffic).</summary>
    public EngineOutputs(OmsEngine engine)
    {
        OmsEngineOptions o = engine.Options;
        _streams = new EventStream[o.MaxStrategies];
        for (int s = 0; s < _streams.Length; s++)
        {
            _streams[s] = engine.OpenStrategyStream(s + 1);
        }

        _venues = new SpscQueue<VenueCommand>[o.MaxVenues];
        for (int v = 0; v < _venues.Length; v++)
        {
            _venues[v] = engine.VenueQueue(v + 1);
        }

        _anomalies = engine.Anomalies;
    }

    /// <summary>Points the recorders at a new window.</summary>
    public void Reset(long[] callback, long[] venue, long inputBase, int count)
    {
        Strategy = new CallbackRecorder { Callback = callback, InputBase = inputBase, Count = count };
        Operator = new CallbackRecorder { Callback = callback, InputBase = inputBase, Count = count };
        Venue = new CommandSink { Arrived = venue, InputBase = inputBase, Count = count };
    }

    /// <summary>Drains up to <paramref name="limit"/> items from every queue; returns how many.</summary>
    public int Drain(int limit)
    {
        int n = 0;
        foreach (EventStream stream in _streams)
        {
            n += stream.Drain(ref Strategy, limit);
        }

        foreach (SpscQueue<VenueCommand> venue in _venues)
        {
            n += venue.Drain(ref Venue, limit);
        }

        return n + _anomalies.Drain(ref Operator, limit);
    }

    /// <summary>Drains until every queue is empty.</summary>
    public void DrainAll()
    {
        while (Drain(int.MaxValue) > 0)
        {
        }
    }
}
