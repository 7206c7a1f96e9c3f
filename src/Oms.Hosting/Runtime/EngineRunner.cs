using System.Diagnostics;
using Oms.Engine;

namespace Oms.Hosting;

/// <summary>
/// Owns the engine's dedicated thread (<c>oms-engine</c>): pins it when asked, then runs
/// <c>idle.Idle(engine.DoWork())</c> until told to stop, then applies whatever is still in the ring.
/// </summary>
/// <remarks>The duty cycle allocates nothing and logs nothing; an exception ends the loop and is reported
/// through <see cref="HostFaults"/>, which stops the host.</remarks>
internal sealed class EngineRunner : IIdleLoop
{
    private readonly OmsEngine _engine;
    private readonly IdleSettings _idle;
    private readonly int _cpu;
    private readonly HostFaults _faults;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private volatile bool _running = true;
    private long _finalDrainDeadline = long.MaxValue;

    public EngineRunner(OmsEngine engine, IdleSettings idle, int cpu, HostFaults faults)
    {
        _engine = engine;
        _idle = idle;
        _cpu = cpu;
        _faults = faults;
        _thread = new Thread(Main) { Name = "oms-engine", IsBackground = true };
    }

    /// <summary>True when the thread pinned itself to the configured CPU.</summary>
    public bool Pinned { get; private set; }

    /// <summary>Why pinning failed (null when it worked or was not asked for).</summary>
    public string? PinningProblem { get; private set; }

    /// <summary>True once the loop has ended and the final drain has begun.</summary>
    public bool InFinalDrain { get; private set; }

    /// <summary>True when the final drain ran out of time with messages still in the ring.</summary>
    public bool FinalDrainIncomplete { get; private set; }

    /// <summary>True when the loop ended by an exception.</summary>
    public bool Faulted { get; private set; }

    /// <summary>True while the thread runs.</summary>
    public bool IsAlive => _thread.IsAlive;

    /// <summary>Starts the thread and waits until it has tried to pin itself, so the outcome is known.</summary>
    public void Start()
    {
        _thread.Start();
        _started.Wait();
    }

    /// <summary>
    /// Stops the loop: the thread applies everything already published (until <paramref name="deadline"/>),
    /// then ends. True when it ended before the deadline.
    /// </summary>
    public bool Stop(Deadline deadline)
    {
        Volatile.Write(ref _finalDrainDeadline, deadline.Timestamp);
        _running = false;
        return _thread.Join(deadline.Remaining);
    }

    public void Run<TIdle>(ref TIdle idle) where TIdle : struct, IIdleStrategy
    {
        OmsEngine engine = _engine;
        while (_running)
        {
            idle.Idle(engine.DoWork());
        }
    }

    private void Main()
    {
        try
        {
            if (_cpu >= 0)
            {
                Pinned = CpuAffinity.TryPinCurrentThread(_cpu, out string? problem);
                PinningProblem = problem;
            }

            _started.Set();
            _idle.Run(this);
            FinalDrain();
        }
        catch (Exception e)
        {
            Faulted = true;
            _started.Set();
            _faults.Report("engine", e);
        }
    }

    /// <summary>Applies what producers published before the stop. A full journal tap makes DoWork return 0 while the ring is not empty: wait for the writer.</summary>
    private void FinalDrain()
    {
        InFinalDrain = true;
        var spin = new SpinWait();
        long deadline = Volatile.Read(ref _finalDrainDeadline);
        while (_engine.Inbound.Depth > 0)
        {
            if (_engine.DoWork() > 0)
            {
                spin.Reset();
                continue;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                FinalDrainIncomplete = true;
                return;
            }

            spin.SpinOnce();
        }
    }
}
