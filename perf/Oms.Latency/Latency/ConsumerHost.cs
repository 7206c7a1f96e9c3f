using Oms.Engine;
using Oms.Latency.Support;
using Oms.Ring;

namespace Oms.Latency.Latency;

/// <summary>A consumer duty cycle: the engine's, or a bare ring drain for the ring-only baseline.</summary>
public interface IDutyCycle
{
    /// <summary>Consumes what is published; returns how many messages.</summary>
    int DoWork();
}

/// <summary>The real engine's duty cycle.</summary>
public readonly struct EngineCycle(OmsEngine engine) : IDutyCycle
{
    /// <inheritdoc/>
    public int DoWork() => engine.DoWork();
}

/// <summary>The ring alone: drains up to 256 messages and reads one field of each, so nothing is elided.</summary>
public struct RingCycle(MpscRing<OmsMessage> ring) : IDutyCycle, IRingHandler<OmsMessage>
{
    /// <summary>A sum over what was read.</summary>
    public long Checksum;

    /// <inheritdoc/>
    public int DoWork() => ring.Drain(ref this, 256);

    /// <inheritdoc/>
    public void OnMessage(ref OmsMessage message, long sequence) => Checksum += message.Timestamp;
}

/// <summary>Start and stop of the consumer side of a latency window.</summary>
public interface IConsumerControl : IDisposable
{
    /// <summary>True when the consumer thread is pinned where it was asked to be.</summary>
    bool Pinned { get; }

    /// <summary>Starts consuming; ring sequences from <paramref name="ringBase"/> on are the window's messages.</summary>
    void Start(long[] applied, long ringBase, int count);

    /// <summary>Stops once the ring is empty (call after the producer is done); returns the bytes the thread allocated.</summary>
    long Stop();

    /// <summary>Page faults the thread took in the last window (after <see cref="Stop"/>); -1 where they cannot be counted.</summary>
    long LastRunFaults { get; }
}

/// <summary>
/// The consumer thread of a latency window: pinned, busy-spinning on its duty cycle (one pause instruction per
/// empty poll, <see cref="SpinPause.Once"/>, never a yield or a sleep, as a dedicated engine core would run) and
/// stamping, after each batch, the time every message of the batch was done. One clock read per non-empty batch is all the harness adds to
/// the engine thread.
/// </summary>
public sealed class ConsumerHost<TCycle> : IConsumerControl where TCycle : struct, IDutyCycle
{
    private readonly PinnedWorker _worker;
    private TCycle _cycle;
    private long[] _applied = [];
    private long _ringBase;
    private long _consumed;
    private int _count;
    private long _allocated;
    private volatile bool _park;

    /// <summary>Starts the (blocked) thread; <paramref name="consumedSoFar"/> is the ring's consumed count now.</summary>
    public ConsumerHost(string name, int cpu, TCycle cycle, long consumedSoFar)
    {
        _cycle = cycle;
        _consumed = consumedSoFar;
        _worker = new PinnedWorker(name, cpu, Body);
    }

    /// <inheritdoc/>
    public bool Pinned => _worker.Pinned;

    /// <inheritdoc/>
    public void Start(long[] applied, long ringBase, int count)
    {
        _applied = applied;
        _ringBase = ringBase;
        _count = count;
        _park = false;
        _worker.Run();
    }

    /// <inheritdoc/>
    public long Stop()
    {
        _park = true;
        _worker.Wait();
        return _allocated;
    }

    /// <inheritdoc/>
    public long LastRunFaults => _worker.LastRunFaults;

    /// <inheritdoc/>
    public void Dispose() => _worker.Dispose();

    private void Body()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long[] applied = _applied;
        long ringBase = _ringBase;
        long count = _count;
        long consumed = _consumed;
        ref TCycle cycle = ref _cycle;
        while (true)
        {
            int n = cycle.DoWork();
            if (n > 0)
            {
                long now = NanoClock.Now();
                long first = consumed - ringBase;
                consumed += n;
                for (long k = Math.Max(first, 0); k < first + n && k < count; k++)
                {
                    applied[k] = now;
                }

                continue;
            }

            // Parking is asked only once the producer has seen every message consumed, so the ring is empty here.
            if (_park)
            {
                break;
            }

            // One pause per empty poll, as Agrona's BusySpinIdleStrategy does: the poll reads the line the producer
            // is about to write, and polling it back to back only makes the producer's publish slower.
            SpinPause.Once();
        }

        _consumed = consumed;
        _allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }
}
