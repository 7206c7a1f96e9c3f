using Oms.Benchmarks.Support;

namespace Oms.Latency.Support;

/// <summary>
/// A long-lived thread, pinned to one CPU when asked, that runs its body once per <see cref="Run"/> and blocks
/// (giving its core away) between runs.
/// </summary>
/// <remarks>
/// Why long-lived: a measured window must not include thread start-up or its allocations, and the pinning is
/// done once. Why blocking between runs: on a 2-core machine the coordinator needs a core to build histograms
/// and collect garbage between windows; spinning workers would steal it. Signalling is two semaphores, which
/// create their lock objects up front: a ManualResetEventSlim creates its lock the first time a wait actually
/// blocks, 24 bytes that then land inside whichever window that happens in.
/// </remarks>
public sealed class PinnedWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly Action _body;
    private readonly int _cpu;
    private readonly SemaphoreSlim _go = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly ManualResetEventSlim _started = new(false);
    private volatile bool _stop;
    private Exception? _failure;
    private ThreadFaults? _faults;

    /// <summary>Starts the thread; <paramref name="cpu"/> &lt; 0 leaves placement to the OS.</summary>
    public PinnedWorker(string name, int cpu, Action body)
    {
        _cpu = cpu;
        _body = body;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
        _started.Wait();
    }

    /// <summary>True when the thread is pinned to the CPU asked for.</summary>
    public bool Pinned { get; private set; }

    /// <summary>The CPU asked for (-1: none).</summary>
    public int Cpu => _cpu;

    /// <summary>
    /// Page faults the thread took during the last run of the body (see <see cref="ThreadFaults"/>); -1 where they
    /// cannot be counted. Read after <see cref="Wait"/>.
    /// </summary>
    public long LastRunFaults { get; private set; } = -1;

    /// <summary>Lets the body run once; returns at once.</summary>
    public void Run() => _go.Release();

    /// <summary>Waits for the body to return; rethrows what it threw.</summary>
    public void Wait()
    {
        _done.Wait();
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"{_thread.Name} failed: {failure.Message}", failure);
        }
    }

    /// <summary>Stops and joins the thread (after the current run, if any).</summary>
    public void Dispose()
    {
        _stop = true;
        _go.Release();
        _thread.Join();
        _faults?.Dispose();
        _go.Dispose();
        _done.Dispose();
        _started.Dispose();
    }

    private void Loop()
    {
        Pinned = _cpu >= 0 && ThreadAffinity.Pin(_cpu);
        // Opened here, before any run: it allocates, and the path names the thread that opens it.
        _faults = ThreadFaults.OfCurrentThread();
        _started.Set();
        while (true)
        {
            _go.Wait();
            if (_stop)
            {
                return;
            }

            long faultsBefore = _faults!.Read();
            try
            {
                _body();
            }
            catch (Exception e)
            {
                _failure = e;
            }

            LastRunFaults = faultsBefore < 0 ? -1 : _faults.Read() - faultsBefore;

            _done.Release();
        }
    }
}
