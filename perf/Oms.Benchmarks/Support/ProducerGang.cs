namespace Oms.Benchmarks.Support;

/// <summary>
/// Long-lived producer threads that each run one share of a batch when the benchmark thread says go, so a
/// benchmark invocation measures the batch moving across threads, not thread start-up.
/// </summary>
/// <remarks>
/// Design: the go signal is a generation counter the producers poll with <see cref="SpinWait"/> (spinning,
/// then yielding, never sleeping a whole millisecond), so a producer starts within microseconds of the signal
/// and gives its core away while idle. The benchmark thread knows a batch is complete when it has consumed
/// every message, which also proves every producer has finished its share.
/// </remarks>
public sealed class ProducerGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Action<int> _runShare;
    private readonly int _pinTo;
    private long _generation;
    private volatile bool _stop;

    /// <summary>
    /// Starts <paramref name="producers"/> threads; on each go, thread <c>p</c> calls <paramref name="runShare"/>(p).
    /// With <paramref name="pinTo"/> at 0 or more, every producer thread is pinned to that CPU.
    /// </summary>
    public ProducerGang(int producers, Action<int> runShare, int pinTo = -1)
    {
        _pinTo = pinTo;
        _runShare = runShare;
        _threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            int index = p;
            _threads[p] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"producer-{index}" };
            _threads[p].Start();
        }
    }

    /// <summary>Lets every producer run its share once.</summary>
    public void Go() => Interlocked.Increment(ref _generation);

    /// <summary>Stops and joins the threads.</summary>
    public void Dispose()
    {
        _stop = true;
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }

    private void Loop(int index)
    {
        if (_pinTo >= 0)
        {
            ThreadAffinity.Pin(_pinTo);
        }

        long seen = 0;
        while (true)
        {
            var spin = new SpinWait();
            long generation;
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if (_stop)
                {
                    return;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            // A generation skipped cannot happen: Go is called once per batch and the batch is not complete
            // until every producer has run its share.
            seen = generation;
            _runShare(index);
        }
    }
}
