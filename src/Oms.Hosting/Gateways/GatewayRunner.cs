using Oms.Gateway;

namespace Oms.Hosting;

/// <summary>
/// Runs one <see cref="IVenueGateway"/> on a dedicated thread (<c>oms-gw-{venue}</c>): <c>DoWork(now)</c>
/// with the host clock, then the configured idle strategy, until stopped.
/// </summary>
/// <remarks>For the graceful stop it publishes, after each cycle, how much work it has done and whether it
/// was idle with nothing pending, so the host can tell when the venue side has settled.</remarks>
internal sealed class GatewayRunner : IIdleLoop
{
    private readonly IVenueGateway _gateway;
    private readonly IDrainableGateway? _drainable;
    private readonly OmsClock _clock;
    private readonly IdleSettings _idle;
    private readonly HostFaults _faults;
    private readonly Thread _thread;
    private volatile bool _running = true;
    private volatile bool _quiet;
    private volatile bool _faulted;
    private long _work;

    public GatewayRunner(IVenueGateway gateway, OmsClock clock, IdleSettings idle, HostFaults faults)
    {
        _gateway = gateway;
        _drainable = gateway as IDrainableGateway;
        _clock = clock;
        _idle = idle;
        _faults = faults;
        _thread = new Thread(Main) { Name = $"oms-gw-{gateway.VenueId}", IsBackground = true };
    }

    public int VenueId => _gateway.VenueId;

    /// <summary>Work the gateway has reported, in total (the stop compares it across checks to see progress).</summary>
    public long WorkDone => Volatile.Read(ref _work);

    /// <summary>True when the last cycle found nothing to do and the gateway holds nothing for later (or it has failed).</summary>
    public bool IsQuiet => _quiet || _faulted;

    public bool Faulted => _faulted;

    public void Start() => _thread.Start();

    /// <summary>Stops the loop after its current cycle; true when the thread ended before the deadline.</summary>
    public bool Stop(Deadline deadline)
    {
        _running = false;
        return _thread.Join(deadline.Remaining);
    }

    public void Run<TIdle>(ref TIdle idle) where TIdle : struct, IIdleStrategy
    {
        IVenueGateway gateway = _gateway;
        while (_running)
        {
            int work = gateway.DoWork(_clock.NowNanos);
            if (_drainable is not null)
            {
                // A drainable gateway says itself whether it holds anything for the engine: its own background
                // activity (a simulated market ticking) is not progress a graceful stop has to wait out. What it
                // publishes still shows as engine progress.
                _quiet = !_drainable.HasPendingWork;
            }
            else if (work > 0)
            {
                _quiet = false;
                Volatile.Write(ref _work, _work + work);
            }
            else
            {
                _quiet = true;
            }

            idle.Idle(work);
        }
    }

    private void Main()
    {
        try
        {
            _idle.Run(this);
        }
        catch (Exception e)
        {
            _faulted = true;
            _faults.Report($"gateway {_gateway.VenueId}", e);
        }
    }
}
