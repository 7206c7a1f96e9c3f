using Oms.Client;
using Oms.Domain;
using Oms.Engine;

namespace Oms.Hosting.Samples;

/// <summary>
/// A sample liquidity taker: every <see cref="TakerSettings.Interval"/>, with no order of its own open, it picks a
/// side from its seeded generator and sends an immediate-or-cancel limit order across the spread (at the best ask
/// to buy, the best bid to sell, plus <see cref="TakerSettings.Cross"/>). At the position limit it only trades
/// back toward flat.
/// </summary>
/// <remarks>Deterministic given its seed, the prices it reads and the events it receives. Its counters are written on
/// the strategy thread; read them once the strategy has completed.</remarks>
public sealed class Taker(TakerSettings settings, IMarketData marketData) : OmsStrategy
{
    private readonly TakerSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly IMarketData _marketData = marketData ?? throw new ArgumentNullException(nameof(marketData));
    private readonly Random _random = new(settings.Seed);
    private IdToken _unanswered;

    /// <summary>Orders sent.</summary>
    public long OrdersSent { get; private set; }
    /// <summary>Fills received.</summary>
    public long Fills { get; private set; }
    /// <summary>Quantity filled, raw (both sides).</summary>
    public long FilledQuantity { get; private set; }
    /// <summary>Orders that ended without filling in full (IOC remainder canceled, rejected or denied).</summary>
    public long Unfilled { get; private set; }

    /// <inheritdoc />
    protected override TimeSpan TimerInterval => _settings.Interval;

    /// <inheritdoc />
    protected override void OnTimer(long nowNanos)
    {
        // One order at a time, so the position limit holds: none unanswered by the engine, none open.
        if (!_unanswered.IsNone || OpenOrders.Count > 0 || !_marketData.TryGetTopOfBook(_settings.InstrumentId, out TopOfBook top) || !top.IsTwoSided)
        {
            return;
        }

        long net = TryGetPosition(_settings.InstrumentId, out ClientPosition p) ? p.NetQty : 0;
        long qty = _settings.Quantity;
        Side side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        if (side == Side.Buy && net + qty > _settings.MaxPosition)
        {
            side = Side.Sell;
        }
        else if (side == Side.Sell && net - qty < -_settings.MaxPosition)
        {
            side = Side.Buy;
        }

        long price = side == Side.Buy ? top.Ask + _settings.Cross : top.Bid - _settings.Cross;
        if (price <= 0)
        {
            return;
        }

        var request = new NewOrderRequest(_settings.AccountId, _settings.InstrumentId, _settings.VenueId, side,
            OrderType.Limit, TimeInForce.ImmediateOrCancel, qty, price);
        if (Submit(in request, out IdToken id))
        {
            _unanswered = id;
            OrdersSent++;
        }
    }

    /// <inheritdoc />
    protected override void OnSubmitted(in OmsEvent e) => Answered(in e);

    /// <inheritdoc />
    protected override void OnFill(in OmsEvent e)
    {
        Fills++;
        FilledQuantity += e.LastQty;
    }

    /// <inheritdoc />
    protected override void OnCanceled(in OmsEvent e) => Unfilled++;
    /// <inheritdoc />
    protected override void OnExpired(in OmsEvent e) => Unfilled++;
    /// <inheritdoc />
    protected override void OnRejected(in OmsEvent e) => Unfilled++;
    /// <inheritdoc />
    protected override void OnDenied(in OmsEvent e)
    {
        Unfilled++;
        Answered(in e);
    }

    private void Answered(in OmsEvent e)
    {
        if (e.ClOrdId == _unanswered)
        {
            _unanswered = IdToken.None;
        }
    }
}
