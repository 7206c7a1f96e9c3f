using Oms.Domain;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Client;

/// <summary>What a strategy does with each of its events (implement on a struct for a specialised poll loop).</summary>
public interface IOmsEventHandler
{
    /// <summary>One event, in stream order.</summary>
    void OnEvent(in OmsEvent e);
}

/// <summary>
/// The in-process client of one strategy: submits commands into the engine's ring and receives the
/// strategy's events in order, keeping its own mirror of open orders and positions.
/// </summary>
/// <remarks>
/// <para>Threading: the <c>Try*</c> command methods may be called from any thread (ids are minted with an
/// interlocked counter; the ring is multi-producer). <see cref="Poll{THandler}"/>, <see cref="OpenOrders"/>
/// and <see cref="TryGetPosition"/> belong to one thread, the strategy's: the mirror is built on that
/// thread from events and never reads engine tables.</para>
/// <para>Ordering: events arrive exactly in the order the engine produced them for this strategy. Each
/// carries a sequence number; if the stream overran (the strategy stopped polling), <see cref="MissedEvents"/>
/// counts the gap and the mirror may be stale for the orders involved.</para>
/// <para>A submit returns the order's ClOrdID at once; the engine's answer (Submitted or Denied, then the
/// venue's) arrives as events. A false return means the ring was full: nothing was sent.</para>
/// </remarks>
public sealed class OmsClient
{
    private readonly MpscRing<OmsMessage> _ring;
    private readonly EventStream _events;
    private readonly TimeProvider _time;
    private readonly Dictionary<IdToken, ClientOrder> _open = new(1024);
    private readonly Dictionary<OrderId, IdToken> _originalIds = new(1024);
    private readonly Dictionary<int, ClientPosition> _positions = new(64);
    private long _requestSequence;
    private long _lastEventSequence;
    private long _missed;

    /// <summary>Connects strategy <paramref name="strategyId"/> to <paramref name="engine"/>, opening its event stream.</summary>
    public OmsClient(OmsEngine engine, int strategyId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        StrategyId = strategyId;
        _ring = engine.Inbound;
        _events = engine.OpenStrategyStream(strategyId);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The strategy this client speaks for.</summary>
    public int StrategyId { get; }

    /// <summary>
    /// Events lost to stream overrun: sequence gaps seen, and those <see cref="CountMissedThrough"/> was told of.
    /// Strategy thread only.
    /// </summary>
    /// <remarks>
    /// A gap shows when a later event arrives, so events dropped at the end of a stream stay uncounted until one
    /// does, or until the stream's owner is told where the stream ended (the host does so when it stops).
    /// </remarks>
    public long MissedEvents => _missed;

    /// <summary>Orders whose submitted ClOrdID the client remembers: the live ones and the filled ones that may come back (tests).</summary>
    internal int RememberedOrders => _originalIds.Count;

    /// <summary>The strategy's live orders, by the ClOrdID they were submitted with. Strategy thread only.</summary>
    public IReadOnlyDictionary<IdToken, ClientOrder> OpenOrders => _open;

    /// <summary>The strategy's position in an instrument, as of the last event polled. Strategy thread only.</summary>
    public bool TryGetPosition(int instrumentId, out ClientPosition position) => _positions.TryGetValue(instrumentId, out position);

    /// <summary>Submits a new order; returns its ClOrdID at once. False (and no id) when the ring is full.</summary>
    public bool TrySubmit(in NewOrderRequest request, out IdToken clOrdId)
    {
        if (!TryBegin(MessageKind.NewOrder, out long seq, out clOrdId))
        {
            return false;
        }

        ref OmsMessage m = ref _ring[seq];
        m.AccountId = request.AccountId;
        m.InstrumentId = request.InstrumentId;
        m.VenueId = request.VenueId;
        m.Side = request.Side;
        m.OrderType = request.OrderType;
        m.TimeInForce = request.TimeInForce;
        m.OrderQty = request.Quantity;
        m.Price = request.Price;
        m.StopPx = request.StopPx;
        m.ExpireTime = request.ExpireTime;
        _ring.Publish(seq);
        return true;
    }

    /// <summary>Asks to cancel the order any of whose ClOrdIDs is <paramref name="clOrdId"/>. False when the ring is full.</summary>
    public bool TryCancel(IdToken clOrdId, out IdToken requestId) =>
        TrySend(MessageKind.Cancel, clOrdId, 0, 0, 0, out requestId);

    /// <summary>Asks to replace quantity and prices of an order. False when the ring is full.</summary>
    public bool TryReplace(IdToken clOrdId, long quantity, long price, long stopPx, out IdToken newClOrdId) =>
        TrySend(MessageKind.Replace, clOrdId, quantity, price, stopPx, out newClOrdId);

    /// <summary>Cancels all this strategy's live orders matching the filter (0 = any). False when the ring is full.</summary>
    public bool TryMassCancel(int accountId = 0, int instrumentId = 0, int venueId = 0)
    {
        if (!TryBegin(MessageKind.MassCancel, out long seq, out _))
        {
            return false;
        }

        ref OmsMessage m = ref _ring[seq];
        m.AccountId = accountId;
        m.InstrumentId = instrumentId;
        m.VenueId = venueId;
        _ring.Publish(seq);
        return true;
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> events off the stream, updates the mirror, then hands each to
    /// <paramref name="handler"/>. Strategy thread only. Returns the number of events.
    /// </summary>
    public int Poll<THandler>(ref THandler handler, int limit = 4096) where THandler : IOmsEventHandler
    {
        int n = 0;
        while (n < limit && _events.TryRead(out OmsEvent e))
        {
            n++;
            if (e.Sequence != _lastEventSequence + 1)
            {
                _missed += e.Sequence - _lastEventSequence - 1;
            }

            _lastEventSequence = e.Sequence;
            UpdateMirror(in e);
            handler.OnEvent(in e);
        }

        return n;
    }

    /// <summary>
    /// Counts as missed every event the engine numbered after the last one polled, up to and including
    /// <paramref name="lastIssued"/>: call it once the stream has been polled empty and the engine will add nothing
    /// to it, with <see cref="OmsEngine.StrategyEventSequence"/> read on the engine thread or after it has stopped.
    /// Strategy thread only. Returns the events it counted (0 when the stream ended with the last event polled).
    /// </summary>
    /// <remarks>
    /// Why it takes the number rather than reading the engine: the client never reads engine state, and the
    /// engine publishes no per-stream watermark for other threads (that would be one more store on every event).
    /// The one who knows the engine is done, a host stopping it, reads the number and passes it on.
    /// </remarks>
    public long CountMissedThrough(long lastIssued)
    {
        long gap = lastIssued - _lastEventSequence;
        if (gap <= 0)
        {
            return 0;
        }

        _missed += gap;
        _lastEventSequence = lastIssued;
        return gap;
    }

    /// <summary>Polls and updates the mirror without a handler.</summary>
    public int Poll(int limit = 4096)
    {
        var none = default(NoHandler);
        return Poll(ref none, limit);
    }

    private void UpdateMirror(in OmsEvent e)
    {
        if (e.OrderId.IsNone)
        {
            return;
        }

        if (e.Kind is EventKind.Filled or EventKind.TradeBusted or EventKind.TradeCorrected)
        {
            _positions[e.InstrumentId] = new ClientPosition(e.InstrumentId, e.PositionNetQty, e.PositionAvgCost, e.PositionRealizedPnl);
        }

        if (!_originalIds.TryGetValue(e.OrderId, out IdToken key))
        {
            // The first event of an order carries the ClOrdID it was submitted with.
            key = e.ClOrdId;
        }

        if (!e.Status.IsLive())
        {
            // An ended order already off the mirror keeps its entry here: it is one that may come back.
            if (_open.Remove(key, out ClientOrder? ended) && !MayComeBackUnderAnotherId(in e, key, ended))
            {
                _originalIds.Remove(e.OrderId);
            }

            return;
        }

        if (!_open.TryGetValue(key, out ClientOrder? order))
        {
            order = new ClientOrder { OrderId = e.OrderId, OrigClOrdId = key, Side = e.Side, AccountId = e.AccountId, InstrumentId = e.InstrumentId };
            _open.Add(key, order);
            _originalIds[e.OrderId] = key;
        }

        order.ClOrdId = e.ClOrdId;
        order.Status = e.Status;
        order.OrderQty = e.OrderQty;
        order.Price = e.Price;
        order.CumQty = e.CumQty;
        order.LeavesQty = e.LeavesQty;
        order.AvgPx = e.AvgPx;
    }

    /// <summary>
    /// Whether an order that has just ended must keep its OrderId → submitted-ClOrdID entry, because the engine
    /// may bring it back to life with an event that names it only by an id it was not submitted with.
    /// </summary>
    /// <remarks>
    /// Only a filled order comes back (a bust of one of its fills, or a replace raising its quantity that completes
    /// after the fill), and its events then carry its current ClOrdID. That is the submitted one unless the order was
    /// replaced or a replace was in flight when it filled; those orders alone keep their entry, for as long as the
    /// engine keeps their row, which is the session (rows are not reused while it runs). The map therefore never
    /// holds more than the engine's order table (MaxOrders), and in practice only the replaced orders that filled.
    /// Carrying the submitted ClOrdID in every event instead would grow <see cref="OmsEvent"/> past its three cache
    /// lines, a cost on every event for the sake of a rare one.
    /// </remarks>
    private static bool MayComeBackUnderAnotherId(in OmsEvent e, IdToken key, ClientOrder order) =>
        e.Status == OrderStatus.Filled && (e.ClOrdId != key || order.ClOrdId != key || order.Status == OrderStatus.PendingReplace);

    private bool TrySend(MessageKind kind, IdToken target, long qty, long price, long stopPx, out IdToken requestId)
    {
        if (!TryBegin(kind, out long seq, out requestId))
        {
            return false;
        }

        ref OmsMessage m = ref _ring[seq];
        m.OrigClOrdId = target;
        m.OrderQty = qty;
        m.Price = price;
        m.StopPx = stopPx;
        _ring.Publish(seq);
        return true;
    }

    /// <summary>Claims a slot and fills what every command carries; the caller adds the rest and publishes.</summary>
    private bool TryBegin(MessageKind kind, out long seq, out IdToken id)
    {
        if (!_ring.TryClaim(out seq))
        {
            id = IdToken.None;
            return false;
        }

        // Minted only once a slot is ours, so a full ring burns no id and ids follow ring order per thread.
        id = NextId();
        ref OmsMessage m = ref _ring[seq];
        m = default;
        m.Kind = kind;
        m.StrategyId = StrategyId;
        m.Timestamp = Now();
        m.ClOrdId = id;
        return true;
    }

    private IdToken NextId() => IdToken.ForStrategy(StrategyId, Interlocked.Increment(ref _requestSequence));

    private long Now() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private readonly struct NoHandler : IOmsEventHandler
    {
        public void OnEvent(in OmsEvent e)
        {
        }
    }
}
