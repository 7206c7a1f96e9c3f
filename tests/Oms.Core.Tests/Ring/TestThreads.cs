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
}
