using System.Collections.Concurrent;
using System.Diagnostics;

namespace Oms.Tests.Ring;

/// <summary>
/// Runs a few dedicated background threads for a cross-thread ring test and fails the test, instead of
/// hanging CI, when they do not finish within a deadline. Thread bodies poll <see cref="StopRequested"/>
/// in every spin loop so a timeout or a failure on one thread releases the others.
/// </summary>
internal sealed class TestThreads
{
    private readonly ConcurrentQueue<Exception> _errors = new();
    private volatile bool _stop;

    /// <summary>True once a thread failed or the deadline passed: every spin loop must exit.</summary>
    public bool StopRequested => _stop;

    /// <summary>Asks every thread to stop (e.g. the consumer found a wrong message).</summary>
    public void RequestStop() => _stop = true;

    /// <summary>Starts one thread per body, waits for all of them, and returns how long that took.</summary>
    public TimeSpan Run(TimeSpan timeout, params Action[] bodies)
    {
        var threads = new Thread[bodies.Length];
        for (int i = 0; i < bodies.Length; i++)
        {
            Action body = bodies[i];
            threads[i] = new Thread(() =>
            {
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    _errors.Enqueue(e);
                    _stop = true;
                }
            })
            {
                IsBackground = true,
                Name = $"ring-test-{i}",
            };
        }

        var clock = Stopwatch.StartNew();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            TimeSpan remaining = timeout - clock.Elapsed;
            if (remaining < TimeSpan.Zero || !thread.Join(remaining))
            {
                _stop = true;
                foreach (Thread other in threads)
                {
                    other.Join(TimeSpan.FromSeconds(5));
                }

                Assert.Fail($"Threads did not finish within {timeout.TotalSeconds:0} s (a lost publish or a hang).");
            }
        }

        clock.Stop();
        if (!_errors.IsEmpty)
        {
            throw new AggregateException("A test thread failed.", _errors);
        }

        return clock.Elapsed;
    }

    /// <summary>Spins until <paramref name="ready"/> holds (true) or a stop is requested (false).</summary>
    public bool SpinUntil(Func<bool> ready)
    {
        var spin = new SpinWait();
        while (!ready())
        {
            if (StopRequested)
            {
                return false;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    /// <summary>
    /// A consumer thread's loop: reads until <paramref name="done"/> or a stop, alternating the queue's two read
    /// paths (<paramref name="drain"/> a batch, <paramref name="readOne"/> one item; each returns how many it
    /// got), spinning while they come back empty.
    /// </summary>
    public void Consume(Func<bool> done, Func<int> drain, Func<int> readOne)
    {
        var spin = new SpinWait();
        bool useDrain = false;
        while (!done() && !StopRequested)
        {
            int got = useDrain ? drain() : readOne();
            useDrain = !useDrain;
            if (got == 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                spin.Reset();
            }
        }
    }
}
