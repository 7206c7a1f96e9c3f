using Oms.Domain;

namespace Oms.Hosting.Tests.Support;

/// <summary>
/// Keeps orders flowing until told otherwise: each timer tick submits a few limit orders and cancels or replaces
/// one resting order. On stop it tries one more order (refused) and cancels everything it has resting.
/// </summary>
internal sealed class FlowStrategy(int maxOrders) : ScriptedStrategy
{
    private readonly List<IdToken> _resting = [];
    private int _submitted;
    private int _tick;

    public int Submitted => Volatile.Read(ref _submitted);

    protected override void OnTimer(long nowNanos)
    {
        base.OnTimer(nowNanos);
        _tick++;
        for (int i = 0; i < 4 && _submitted < maxOrders; i++)
        {
            long qty = 100 * (1 + (_submitted % 3)); // 300 fills at once at the loopback venue; 100 and 200 rest
            Side side = _submitted % 2 == 0 ? Side.Buy : Side.Sell;
            if (!SubmitLimit(side, qty, 10_000 + (_submitted % 7)).IsNone)
            {
                Volatile.Write(ref _submitted, _submitted + 1);
            }
        }

        _resting.Clear();
        foreach (var (key, order) in Mirror)
        {
            if (order.Status == OrderStatus.New)
            {
                _resting.Add(key);
            }
        }

        if (_resting.Count > 0)
        {
            var order = Mirror[_resting[_tick % _resting.Count]];
            _ = _tick % 2 == 0 ? CancelOrder(order.ClOrdId) : ReplaceOrder(order.ClOrdId, order.OrderQty + 100, order.Price + 1);
        }
    }

    protected override void OnStopping()
    {
        base.OnStopping();
        SubmitLimit(Side.Buy, 100, 10_000); // refused: the host is stopping
        MassCancelAll();
    }
}
