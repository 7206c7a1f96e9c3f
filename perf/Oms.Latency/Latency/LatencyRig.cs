using Oms.Benchmarks.Support;
using Oms.Engine;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>
/// The threads and arrays of latency windows over one ring: a pinned consumer (the engine, or a bare drain)
/// and the load generator. Runs windows one after another; between windows every hot thread is blocked.
/// </summary>
/// <remarks>
/// A window: settle the heap, note the ring's position and the collector's counters, start the consumer,
/// run the load generator until every message is consumed and every output drained, park the consumer,
/// note the counters again, then build histograms from the window's timestamps.
/// </remarks>
public sealed class LatencyRig : IDisposable
{
    private readonly MpscRing<OmsMessage> _ring;
    private readonly IConsumerControl _consumer;
    private readonly LoadGenerator _load;
    private readonly Func<long> _inputSequence;
    private readonly RunTimes _times;
    private readonly bool _withCallbacks;

    /// <summary>
    /// A rig over <paramref name="ring"/>. <paramref name="inputSequence"/> reads the engine's input sequence
    /// (what its events carry); <paramref name="withCallbacks"/> is false for the ring alone.
    /// </summary>
    public LatencyRig(MpscRing<OmsMessage> ring, IConsumerControl consumer, LoadGenerator load, Func<long> inputSequence,
        int maxWindow, bool withCallbacks)
    {
        _ring = ring;
        _consumer = consumer;
        _load = load;
        _inputSequence = inputSequence;
        _withCallbacks = withCallbacks;
        _times = new RunTimes(maxWindow);
        // Fresh arrays are backed by pages the OS maps on first write: map them now, not inside a window.
        Prefault.Touch(_times);
    }

    /// <summary>Where each hot thread is pinned.</summary>
    public (bool Consumer, bool Producer, bool Strategy) Pinned => (_consumer.Pinned, _load.ProducerPinned, _load.ConsumerPinned);

    /// <summary>The layout of the strategy-side threads.</summary>
    public ThreadLayout Layout => _load.Layout;

    /// <summary>Sends the first <paramref name="count"/> of <paramref name="messages"/> at <paramref name="rate"/> (0: unthrottled) and measures.</summary>
    public WindowResult Run(string name, OmsMessage[] messages, int count, long rate)
    {
        if (count > _times.Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"a window holds at most {_times.Capacity} messages");
        }

        GcSnapshot.Settle();
        _times.Clear(count);
        long ringBase = _ring.ConsumedCount;
        long inputBase = _inputSequence();
        GcSnapshot before = GcSnapshot.Take();
        _consumer.Start(_times.Applied, ringBase, count);
        WindowTrace trace = _load.Run(messages, count, rate, _times, ringBase, inputBase);
        long consumerAllocated = _consumer.Stop();
        GcDelta gc = GcSnapshot.Take().Since(before, consumerAllocated + trace.Allocated, ThreadFaults.Add(_consumer.LastRunFaults, _load.LastRunFaults));
        return WindowAnalysis.Build(name, _times, count, rate, trace, gc, _withCallbacks, _ring.Capacity);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _consumer.Dispose();
        _load.Dispose();
    }
}
