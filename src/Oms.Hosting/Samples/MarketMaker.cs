using Oms.Client;
using Oms.Domain;
using Oms.Engine;

namespace Oms.Hosting.Samples;

/// <summary>
/// A sample market maker: quotes a bid and an ask <see cref="MarketMakerSettings.HalfSpread"/> around the
/// reference mid from <see cref="IMarketData"/>, replaces a quote when the reference moves by
/// <see cref="MarketMakerSettings.RequoteThreshold"/> or after a partial fill (to show full size again), quotes
/// again after a full fill, and stops quoting (canceling) a side whose fill would take the position past
/// <see cref="MarketMakerSettings.MaxPosition"/>. On stop it cancels its quotes.
/// </summary>
/// <remarks>Deterministic: what it sends depends only on the reference prices it reads and the events it receives.
/// One request at a time per side (the engine refuses a second with RequestInFlight anyway). Its counters are
/// written on the strategy thread; read them once the strategy has completed.</remarks>
public sealed class MarketMaker(MarketMakerSettings settings, IMarketData marketData) : OmsStrategy
{
    private readonly MarketMakerSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly IMarketData _marketData = marketData ?? throw new ArgumentNullException(nameof(marketData));
    private readonly Quote _bid = new(Side.Buy);
    private readonly Quote _ask = new(Side.Sell);

    /// <summary>New quotes sent.</summary>
    public long QuotesSent { get; private set; }
    /// <summary>Replaces sent (re-quotes).</summary>
    public long ReplacesSent { get; private set; }
    /// <summary>Cancels sent because of the position limit.</summary>
    public long CancelsSent { get; private set; }
    /// <summary>Fills received.</summary>
    public long Fills { get; private set; }
    /// <summary>Quantity filled, raw (both sides).</summary>
    public long FilledQuantity { get; private set; }

    /// <inheritdoc />
    protected override TimeSpan TimerInterval => _settings.QuoteInterval;

    /// <inheritdoc />
    protected override void OnTimer(long nowNanos)
    {
        if (!_marketData.TryGetTopOfBook(_settings.InstrumentId, out TopOfBook top) || !top.IsTwoSided)
        {
            return;
        }

        long net = TryGetPosition(_settings.InstrumentId, out ClientPosition p) ? p.NetQty : 0;
        long size = _settings.QuoteQuantity;
        Work(_bid, top.Mid - _settings.HalfSpread, allowed: net + size <= _settings.MaxPosition);
        Work(_ask, top.Mid + _settings.HalfSpread, allowed: net - size >= -_settings.MaxPosition);
    }

    /// <inheritdoc />
    protected override void OnStopping() => MassCancel(instrumentId: _settings.InstrumentId);

    /// <inheritdoc />
    protected override void OnSubmitted(in OmsEvent e)
    {
        if (Find(in e) is { } q)
        {
            q.OrderId = e.OrderId;
            q.InFlight = false;
        }
    }

    /// <inheritdoc />
    protected override void OnDenied(in OmsEvent e) => Clear(in e);
    /// <inheritdoc />
    protected override void OnRejected(in OmsEvent e) => Clear(in e);
    /// <inheritdoc />
    protected override void OnCanceled(in OmsEvent e) => Clear(in e);
    /// <inheritdoc />
    protected override void OnExpired(in OmsEvent e) => Clear(in e);
    /// <inheritdoc />
    protected override void OnReplaced(in OmsEvent e) => Answered(in e);
    /// <inheritdoc />
    protected override void OnReplaceRejected(in OmsEvent e) => Answered(in e);
    /// <inheritdoc />
    protected override void OnCancelRejected(in OmsEvent e) => Answered(in e);
    /// <inheritdoc />
    protected override void OnRequestRefused(in OmsEvent e) => Answered(in e);

    /// <inheritdoc />
    protected override void OnFill(in OmsEvent e)
    {
        Fills++;
        FilledQuantity += e.LastQty;
        if (e.Status == OrderStatus.Filled)
        {
            Clear(in e);
        }
        else if (Find(in e) is { } q)
        {
            q.Refill = true;
        }
    }

    private void Work(Quote q, long target, bool allowed)
    {
        if (q.InFlight || target <= 0)
        {
            return;
        }

        if (q.Key.IsNone)
        {
            if (allowed && Submit(new NewOrderRequest(_settings.AccountId, _settings.InstrumentId, _settings.VenueId, q.Side,
                    OrderType.Limit, _settings.TimeInForce, _settings.QuoteQuantity, target), out IdToken id))
            {
                (q.Key, q.OrderId, q.InFlight, q.Refill) = (id, OrderId.None, true, false);
                QuotesSent++;
            }

            return;
        }

        if (!OpenOrders.TryGetValue(q.Key, out ClientOrder? order))
        {
            // The order ended without this strategy seeing the event (its stream overran): quote afresh next time.
            (q.Key, q.OrderId, q.Refill) = (IdToken.None, OrderId.None, false);
            return;
        }

        if (order.Status is not (OrderStatus.New or OrderStatus.PartiallyFilled))
        {
            return; // not acknowledged yet, or a request is pending at the venue
        }

        if (!allowed)
        {
            q.InFlight = Cancel(order.ClOrdId);
            CancelsSent += q.InFlight ? 1 : 0;
            return;
        }

        long quantity = order.CumQty + _settings.QuoteQuantity; // a replace's quantity includes what already filled
        if (Math.Abs(order.Price - target) >= _settings.RequoteThreshold || (q.Refill && order.OrderQty != quantity))
        {
            q.InFlight = Replace(order.ClOrdId, quantity, target, out _);
            q.Refill &= !q.InFlight;
            ReplacesSent += q.InFlight ? 1 : 0;
        }
    }

    private Quote? Find(in OmsEvent e) => _bid.Matches(in e) ? _bid : _ask.Matches(in e) ? _ask : null;

    private void Answered(in OmsEvent e)
    {
        if (Find(in e) is { } q)
        {
            q.InFlight = false;
        }
    }

    private void Clear(in OmsEvent e)
    {
        if (Find(in e) is { } q)
        {
            (q.Key, q.OrderId, q.InFlight, q.Refill) = (IdToken.None, OrderId.None, false, false);
        }
    }

    private sealed class Quote(Side side)
    {
        public readonly Side Side = side;
        public IdToken Key;
        public OrderId OrderId;
        public bool InFlight;
        public bool Refill;

        /// <summary>The first event of an order carries the ClOrdID it was submitted with; later ones its engine id.</summary>
        public bool Matches(in OmsEvent e) => !Key.IsNone && (Key == e.ClOrdId || (!OrderId.IsNone && OrderId == e.OrderId));
    }
}
