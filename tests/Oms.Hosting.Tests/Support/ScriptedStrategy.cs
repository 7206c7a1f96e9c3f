using System.Collections.Concurrent;
using Oms.Client;
using Oms.Domain;
using Oms.Engine;

namespace Oms.Hosting.Tests.Support;

/// <summary>
/// A strategy a test drives from outside: actions posted with <see cref="Invoke{T}"/> run on the strategy's own
/// thread (from its timer), and every event it receives is recorded. Counts every command it published.
/// </summary>
internal class ScriptedStrategy : OmsStrategy
{
    private readonly ConcurrentQueue<Action> _actions = new();
    private readonly List<OmsEvent> _events = [];
    private readonly Lock _lock = new();
    private long _published;

    /// <summary>Runs on the strategy thread before each event is dispatched (a slow strategy blocks here).</summary>
    public Action<OmsEvent>? BeforeEach { get; set; }

    /// <summary>Runs on the strategy thread in OnStopping.</summary>
    public Action<ScriptedStrategy>? Stopping { get; set; }

    /// <summary>Runs on the strategy thread in OnStopped.</summary>
    public Action<ScriptedStrategy>? Stopped { get; set; }

    /// <summary>Commands this strategy published into the ring.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Refusals seen by commands (strategy thread writes).</summary>
    public ConcurrentQueue<CommandRefusal> Refusals { get; } = new();

    public bool OnStoppingCalled { get; private set; }

    public bool OnStoppedCalled { get; private set; }

    protected override TimeSpan TimerInterval => TimeSpan.FromMilliseconds(1);

    public List<OmsEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the strategy thread; completes with its result.</summary>
    public Task<T> Invoke<T>(Func<ScriptedStrategy, T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _actions.Enqueue(() =>
        {
            try
            {
                done.SetResult(action(this));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits (bounded) until the recorded events satisfy <paramref name="condition"/>.</summary>
    public void WaitFor(Func<List<OmsEvent>, bool> condition, string what)
    {
        bool ok = SpinWait.SpinUntil(() => condition(Events), TimeSpan.FromSeconds(30));
        Assert.True(ok, $"strategy {StrategyId}: timed out waiting for {what}");
    }

    public IdToken SubmitLimit(Side side, long qty, long price, TimeInForce tif = TimeInForce.Day, int venueId = 1, int instrumentId = 1)
    {
        var request = new NewOrderRequest(StrategyId, instrumentId, venueId, side, OrderType.Limit, tif, qty, price);
        return Count(Submit(in request, out IdToken id)) ? id : IdToken.None;
    }

    public IdToken CancelOrder(IdToken clOrdId) => Count(Cancel(clOrdId, out IdToken id)) ? id : IdToken.None;

    public IdToken ReplaceOrder(IdToken clOrdId, long qty, long price) => Count(Replace(clOrdId, qty, price, out IdToken id)) ? id : IdToken.None;

    public bool MassCancelAll() => Count(MassCancel());

    public IReadOnlyDictionary<IdToken, ClientOrder> Mirror => OpenOrders;

    public long Missed => MissedEvents;

    protected override void OnTimer(long nowNanos)
    {
        while (_actions.TryDequeue(out Action? action))
        {
            action();
        }
    }

    protected override void OnEvent(in OmsEvent e)
    {
        BeforeEach?.Invoke(e);
        lock (_lock)
        {
            _events.Add(e);
        }

        base.OnEvent(in e);
    }

    protected override void OnStopping()
    {
        OnStoppingCalled = true;
        Stopping?.Invoke(this);
    }

    protected override void OnStopped()
    {
        OnStoppedCalled = true;
        Stopped?.Invoke(this);
    }

    private bool Count(bool sent)
    {
        if (sent)
        {
            Interlocked.Increment(ref _published);
        }
        else
        {
            Refusals.Enqueue(LastRefusal);
        }

        return sent;
    }
}
