using Oms.Engine;
using Oms.Latency.Support;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>How the strategy-side work is laid out on threads.</summary>
public enum ThreadLayout
{
    /// <summary>One load-generator thread publishes on schedule and, between bursts, drains every output queue (2 hot threads in all).</summary>
    Shared,
    /// <summary>A producer thread publishes, a separate strategy thread drains the outputs (3 hot threads in all).</summary>
    Split,
}

/// <summary>
/// The producer (and, in the shared layout, the strategy-side consumer) of a latency window. The producer
/// copies each pregenerated message into the ring at its scheduled time, stamped with the clock read that found it
/// due, so a message sent on time has no clock read between that and its publish (a burst's later messages, already
/// late, read the clock again just before theirs).
/// </summary>
/// <remarks>
/// <para>Schedule: message <c>i</c> is due at <c>start + i × 10⁹ / rate</c> (rate 0: as fast as the ring takes
/// them). A producer that falls behind sends late, in bursts of at most <see cref="MaxBurst"/> before serving
/// the outputs again; the latency "from the schedule" charges that delay to the message (coordinated omission
/// corrected), the latency "from the stamp" does not.</para>
/// <para>Allocation: none per window; the threads and arrays are made before the first.</para>
/// </remarks>
public sealed class LoadGenerator : IDisposable
{
    /// <summary>Most messages published in a row before the outputs are served again.</summary>
    public const int MaxBurst = 32;

    private readonly MpscRing<OmsMessage> _ring;
    private readonly EngineOutputs? _outputs;
    private readonly OmsEngine? _hints;
    private readonly PinnedWorker _producer;
    private readonly PinnedWorker? _consumer;
    private OmsMessage[] _messages = [];
    private long[] _stamp = [];
    private int _count;
    private long _rate;
    private long _ringBase;
    private volatile bool _published;
    private WindowTrace _trace;
    private long _consumerEnd;
    private long _consumerAllocated;

    /// <summary>
    /// Threads for <paramref name="ring"/>; with <paramref name="outputs"/> null (ring only) there is nothing
    /// to drain and a window ends when the ring's consumer has taken every message. With <paramref name="hints"/>,
    /// the producer calls its <see cref="OmsEngine.PrefetchLookups"/> for each message right after publishing it
    /// (after the stamp, so the measured latency includes it).
    /// </summary>
    public LoadGenerator(MpscRing<OmsMessage> ring, EngineOutputs? outputs, ThreadLayout layout, int producerCpu, int consumerCpu,
        OmsEngine? hints = null)
    {
        _ring = ring;
        _outputs = outputs;
        _hints = hints;
        Layout = outputs is null ? ThreadLayout.Shared : layout;
        if (Layout == ThreadLayout.Split)
        {
            _producer = new PinnedWorker("latency-producer", producerCpu, ProducerBody);
            _consumer = new PinnedWorker("latency-strategy", consumerCpu, ConsumerBody);
        }
        else
        {
            _producer = new PinnedWorker("latency-load", producerCpu, SharedBody);
        }
    }

    /// <summary>The layout in use (ring-only windows always use one thread).</summary>
    public ThreadLayout Layout { get; }

    /// <summary>Producer thread pinned as asked.</summary>
    public bool ProducerPinned => _producer.Pinned;

    /// <summary>Strategy thread pinned as asked (split layout), else the producer's.</summary>
    public bool ConsumerPinned => _consumer?.Pinned ?? _producer.Pinned;

    /// <summary>Page faults the load generator's thread(s) took in the last window; -1 where they cannot be counted.</summary>
    public long LastRunFaults => _consumer is null ? _producer.LastRunFaults : ThreadFaults.Add(_producer.LastRunFaults, _consumer.LastRunFaults);

    /// <summary>Runs one window and returns its trace. <paramref name="inputBase"/> (the engine's input sequence of the first message) matters only with outputs.</summary>
    public WindowTrace Run(OmsMessage[] messages, int count, long rate, RunTimes times, long ringBase, long inputBase)
    {
        _messages = messages;
        _stamp = times.Stamp;
        _count = count;
        _rate = rate;
        _ringBase = ringBase;
        _published = false;
        _trace = default;
        _outputs?.Reset(times.Callback, times.Venue, inputBase, count);
        _consumer?.Run();
        _producer.Run();
        _producer.Wait();
        _consumer?.Wait();
        if (_consumer is not null)
        {
            _trace.End = _consumerEnd;
            _trace.Allocated += _consumerAllocated;
        }

        if (_outputs is not null)
        {
            _trace.Events = _outputs.Strategy.Events + _outputs.Operator.Events;
            _trace.OperatorFirsts = _outputs.Operator.Firsts;
            _trace.VenueCommands = _outputs.Venue.Commands;
        }

        return _trace;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _producer.Dispose();
        _consumer?.Dispose();
    }

    private void SharedBody()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        EngineOutputs? outputs = _outputs;
        long start = NanoClock.Now();
        _trace.Start = start;
        long next = 0;
        while (true)
        {
            if (next < _count)
            {
                next = PublishDue(next, start);
            }

            outputs?.Drain(256);
            if (next == _count && _ring.ConsumedCount - _ringBase >= _count)
            {
                // Events are written before the engine releases their messages' slots: every one is queued now.
                outputs?.DrainAll();
                break;
            }
        }

        _trace.End = NanoClock.Now();
        _trace.Allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }

    private void ProducerBody()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = NanoClock.Now();
        _trace.Start = start;
        long next = 0;
        while (next < _count)
        {
            next = PublishDue(next, start);
        }

        _published = true;
        _trace.Allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }

    private void ConsumerBody()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        EngineOutputs outputs = _outputs!;
        while (!(_published && _ring.ConsumedCount - _ringBase >= _count))
        {
            outputs.Drain(256);
        }

        outputs.DrainAll();
        _consumerEnd = NanoClock.Now();
        _consumerAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }

    /// <summary>Publishes every message due by now, at most <see cref="MaxBurst"/>; returns the next index.</summary>
    private long PublishDue(long next, long start)
    {
        MpscRing<OmsMessage> ring = _ring;
        long rate = _rate;
        long now = NanoClock.Now();
        for (int burst = 0; burst < MaxBurst && next < _count; burst++)
        {
            long due = rate > 0 ? start + (next * 1_000_000_000L / rate) : now;
            if (due > now)
            {
                break;
            }

            if (!ring.TryClaim(out long sequence))
            {
                _trace.RingFull++;
                break;
            }

            ref OmsMessage slot = ref ring[sequence];
            slot = _messages[next];
            // The read that found the first message due is its stamp: a clock read (about 22 ns here) between
            // finding a message due and publishing it would only delay the publish. Later ones of a burst read again.
            long stamp = burst == 0 ? now : NanoClock.Now();
            slot.Timestamp = stamp;
            _stamp[next] = stamp;
            ring.Publish(sequence);
            // The producer's own copy, not the slot: the slot's lines now belong to the engine's core.
            _hints?.PrefetchLookups(in _messages[next]);
            _trace.MaxLag = Math.Max(_trace.MaxLag, stamp - due);
            _trace.FinalLag = stamp - due;
            next++;
        }

        long backlog = next - (ring.ConsumedCount - _ringBase);
        _trace.MaxBacklog = Math.Max(_trace.MaxBacklog, backlog);
        _trace.FinalBacklog = backlog;
        return next;
    }
}
