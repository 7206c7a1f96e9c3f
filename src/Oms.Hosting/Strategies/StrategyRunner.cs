using Oms.Client;
using Oms.Domain;
using Oms.Engine;

namespace Oms.Hosting;

/// <summary>
/// Runs one <see cref="OmsStrategy"/> on a dedicated thread (<c>oms-strategy-{id}</c>): polls its event stream,
/// hands each event to the strategy in order, runs its timer, tells it when the host stops, and at the end takes
/// every event left before <see cref="OmsStrategy.OnStopped"/>.
/// </summary>
internal sealed class StrategyRunner : IIdleLoop
{
    private readonly OmsStrategy _strategy;
    private readonly OmsClient _client;
    private readonly StrategyGate _gate;
    private readonly OmsClock _clock;
    private readonly OmsMetrics _metrics;
    private readonly IdleSettings _idle;
    private readonly int _pollLimit;
    private readonly HostFaults _faults;
    private readonly Thread _thread;
    private long _streamEnd = -1; // written before _finish, read after it
    private volatile bool _finish;

    public StrategyRunner(OmsStrategy strategy, OmsClient client, StrategyGate gate, OmsClock clock, OmsMetrics metrics,
        IdleSettings idle, int pollLimit, HostFaults faults)
    {
        _strategy = strategy;
        _client = client;
        _gate = gate;
        _clock = clock;
        _metrics = metrics;
        _idle = idle;
        _pollLimit = pollLimit;
        _faults = faults;
        Status = new StrategyStatus(strategy);
        _thread = new Thread(Main) { Name = $"oms-strategy-{client.StrategyId}", IsBackground = true };
    }

    public StrategyStatus Status { get; }

    public OmsStrategy Strategy => _strategy;

    public void Start() => _thread.Start();

    /// <summary>
    /// The engine has stopped: take what is left in the stream, count as missed what the engine numbered beyond it
    /// (<paramref name="streamEnd"/>, its last event number for this strategy; negative when unknown because the
    /// engine thread did not end), call OnStopped, end. True when the thread ended before the deadline.
    /// </summary>
    public bool Finish(Deadline deadline, long streamEnd)
    {
        _streamEnd = streamEnd;
        _finish = true;
        return _thread.Join(deadline.Remaining);
    }

    public void Run<TIdle>(ref TIdle idle) where TIdle : struct, IIdleStrategy
    {
        OmsStrategy strategy = _strategy;
        var dispatcher = new Dispatcher(this);
        long interval = Math.Max(0, strategy.ConfiguredTimerInterval.Ticks * 100); // nanoseconds
        long nextTimer = interval > 0 ? _clock.NowNanos + interval : long.MaxValue;
        bool stopping = false;
        strategy.RunStart();
        while (true)
        {
            // Read before polling: once the engine has stopped, an empty poll means the stream is drained for good.
            bool finishing = _finish;
            int work = _client.Poll(ref dispatcher, _pollLimit);
            if (!stopping && !_gate.IsOpen)
            {
                stopping = true;
                strategy.RunStopping();
                Status.AcknowledgeStop();
                work++;
            }
            else if (!stopping && interval > 0)
            {
                long now = _clock.NowNanos;
                if (now >= nextTimer)
                {
                    strategy.RunTimer(now);
                    nextTimer = now + interval;
                    work++;
                }
            }

            if (finishing && work == 0)
            {
                // Events dropped at the end of the stream: no later event will reveal the gap, the engine's count does.
                if (_streamEnd >= 0 && _client.CountMissedThrough(_streamEnd) > 0)
                {
                    Status.MissedAtEnd(_client.MissedEvents);
                }

                break;
            }

            idle.Idle(work);
        }

        strategy.RunStopped();
        Status.Complete();
    }

    private void Main()
    {
        try
        {
            _idle.Run(this);
        }
        catch (Exception e)
        {
            Status.Failed(e);
            _faults.Report($"strategy {Status.StrategyId} ({Status.Name})", e);
        }
    }

    private void Observe(in OmsEvent e)
    {
        Status.Delivered(e.Sequence, _client.MissedEvents);
        if (e.Kind == EventKind.Filled && e.Status == OrderStatus.Filled)
        {
            Status.OrderFilled();
        }

        if (e.Kind is EventKind.Filled or EventKind.TradeBusted or EventKind.TradeCorrected)
        {
            // Only trades move a position; the event carries the strategy's row as it stands after this one.
            Status.PositionChanged(e.InstrumentId, e.PositionNetQty, e.PositionAvgCost, e.PositionRealizedPnl);
        }

        _metrics.RecordLatency(_clock.NowNanos - e.Timestamp);
    }

    /// <summary>The struct handler the client's poll loop is specialised for: bookkeeping, then the strategy's callback.</summary>
    private readonly struct Dispatcher(StrategyRunner runner) : IOmsEventHandler
    {
        public void OnEvent(in OmsEvent e)
        {
            runner.Observe(in e);
            runner._strategy.Dispatch(in e);
            // The client's mirror took this event before the handler ran: publish its open-order count.
            runner.Status.OpenOrdersNow(runner._client.OpenOrders.Count);
        }
    }
}
