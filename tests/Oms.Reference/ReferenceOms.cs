using System.Numerics;
using Oms.Domain;
using Oms.Engine;
using Oms.Tables;

namespace Oms.Reference;

/// <summary>
/// A deliberately simple model of Oms: classes, dictionaries and BigInteger money, written for obviousness,
/// not speed. Its lifecycle logic is its own (if/else over the status), not the engine's table. The
/// differential test feeds it and the engine the same messages and requires identical results; the
/// benchmarks use it as the baseline to beat.
/// </summary>
/// <remarks>It models capacities only for orders and ids validation ranges; tests size the engine so that
/// its other capacities (ids, fills, positions, venue queues) are never reached.</remarks>
public sealed partial class ReferenceOms(OmsEngineOptions options)
{
    public sealed class Order
    {
        public IdToken ClOrdId, OrigClOrdId, VenueOrderId, PendingClOrdId;
        public int Strategy, Account, Instrument, Venue;
        public Side Side;
        public OrderType Type;
        public TimeInForce Tif;
        public OrderStatus Status, Previous;
        public long Qty, Price, StopPx, Cum, PendingQty, PendingPrice, PendingStopPx;
        public BigInteger Notional;
        public bool Overfilled;
        public List<IdToken> Chain = [];
        public Position? AccountPosition, StrategyPosition;
    }

    public sealed class Fill
    {
        public required Order Order;
        public long Qty, Price, Fee;
        public FillState State = FillState.Active;
        public long Signed => Order.Side == Side.Buy ? Qty : -Qty;
    }

    public sealed class Position
    {
        public PositionOwner Owner;
        public int OwnerId, Instrument;
        public long Net, Bought, Sold;
        public BigInteger Cost, Realized, Fees;
        public List<Fill> Fills = [];   // in arrival order; a correction sits where the fill it corrects was
    }

    private readonly Dictionary<IdToken, Order> _byClOrdId = [];
    private readonly PerVenue<Order> _byVenueId = new(); // OrderIDs are each venue's own
    private readonly List<Order> _orders = [];
    private readonly PerVenue<Fill?> _execIds = new(); // ExecIDs are each venue's own
    private readonly Dictionary<(PositionOwner, int, int), Position> _positions = [];
    private long _mint;

    public Dictionary<RejectReason, long> ReasonCounts { get; } = [];
    public long Duplicates { get; private set; }
    public long Fills { get; private set; }
    public IReadOnlyList<Order> Orders => _orders;
    public IEnumerable<Position> Positions => _positions.Values;

    public Order? Find(IdToken clOrdId) => _byClOrdId.GetValueOrDefault(clOrdId);
    public Order? FindByVenueId(int venue, IdToken venueOrderId) => _byVenueId.Of(venue).GetValueOrDefault(venueOrderId);

    /// <summary>The ExecIDs seen from the venue that holds <paramref name="o"/>.</summary>
    private Dictionary<IdToken, Fill?> ExecIds(Order o) => _execIds.Of(o.Venue);

    public Position? FindPosition(PositionOwner owner, int id, int instrument) => _positions.GetValueOrDefault((owner, id, instrument));

    public void Apply(in OmsMessage m)
    {
        switch (m.Kind)
        {
            case MessageKind.NewOrder: NewOrder(m); break;
            case MessageKind.Cancel: Cancel(m); break;
            case MessageKind.Replace: Replace(m); break;
            case MessageKind.MassCancel: MassCancel(m); break;
            case MessageKind.ExecutionReport: Report(m); break;
            case MessageKind.CancelReject: CancelReject(m); break;
            default: Count(RejectReason.UnknownMessageKind); break;
        }
    }

    private void Count(RejectReason r) => ReasonCounts[r] = ReasonCounts.GetValueOrDefault(r) + 1;

    private void NewOrder(OmsMessage m)
    {
        if (m.StrategyId < 1 || m.StrategyId > options.MaxStrategies) { Count(RejectReason.InvalidStrategy); return; }
        if (m.ClOrdId.IsNone) { Count(RejectReason.MissingClOrdId); return; }
        if (m.ClOrdId.IsMintedForOtherThan(m.StrategyId)) { Count(RejectReason.ForeignClOrdId); return; }
        if (_byClOrdId.ContainsKey(m.ClOrdId)) { Count(RejectReason.DuplicateClOrdId); return; }
        if (_orders.Count >= options.MaxOrders) { Count(RejectReason.OrderCapacity); return; }

        var o = new Order
        {
            ClOrdId = m.ClOrdId, OrigClOrdId = m.ClOrdId, Strategy = m.StrategyId, Account = m.AccountId,
            Instrument = m.InstrumentId, Venue = m.VenueId, Side = m.Side, Type = m.OrderType, Tif = m.TimeInForce,
            Qty = m.OrderQty, Price = m.Price, StopPx = m.StopPx,
        };
        o.Chain.Add(m.ClOrdId);
        _orders.Add(o);
        _byClOrdId[m.ClOrdId] = o;

        RejectReason reason = Validate(m);
        if (reason != RejectReason.None)
        {
            o.Status = OrderStatus.Denied;
            Count(reason);
            return;
        }

        o.AccountPosition = GetPosition(PositionOwner.Account, o.Account, o.Instrument);
        o.StrategyPosition = GetPosition(PositionOwner.Strategy, o.Strategy, o.Instrument);
        o.Status = OrderStatus.PendingNew;
    }

    private RejectReason Validate(OmsMessage m)
    {
        if (m.AccountId < 1 || m.AccountId > options.MaxAccounts) { return RejectReason.InvalidAccount; }
        if (m.InstrumentId < 1 || m.InstrumentId > options.MaxInstruments) { return RejectReason.InvalidInstrument; }
        if (m.VenueId < 1 || m.VenueId > options.MaxVenues) { return RejectReason.InvalidVenue; }
        if (m.Side is not (Side.Buy or Side.Sell or Side.SellShort or Side.SellShortExempt)) { return RejectReason.InvalidSide; }
        if (m.OrderQty <= 0) { return RejectReason.InvalidQuantity; }
        RejectReason p = ValidatePrices(m.OrderType, m.Price, m.StopPx);
        if (p != RejectReason.None) { return p; }
        if (m.TimeInForce == TimeInForce.GoodTillDate) { return m.ExpireTime > 0 ? RejectReason.None : RejectReason.MissingExpireTime; }
        bool known = m.TimeInForce is TimeInForce.Day or TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill
            or TimeInForce.AtTheOpening or TimeInForce.GoodTillCrossing or TimeInForce.AtTheClose;
        return known ? RejectReason.None : RejectReason.InvalidTimeInForce;
    }

    private static RejectReason ValidatePrices(OrderType type, long price, long stop)
    {
        bool needsPrice = type is OrderType.Limit or OrderType.StopLimit;
        bool needsStop = type is OrderType.Stop or OrderType.StopLimit;
        if (type is not (OrderType.Market or OrderType.Limit or OrderType.Stop or OrderType.StopLimit)) { return RejectReason.InvalidOrderType; }
        if (needsPrice ? price <= 0 : price != 0) { return RejectReason.InvalidPrice; }
        if (needsStop ? stop <= 0 : stop != 0) { return RejectReason.InvalidStopPrice; }
        return RejectReason.None;
    }

    private Position GetPosition(PositionOwner owner, int id, int instrument)
    {
        if (!_positions.TryGetValue((owner, id, instrument), out Position? p))
        {
            p = new Position { Owner = owner, OwnerId = id, Instrument = instrument };
            _positions[(owner, id, instrument)] = p;
        }

        return p;
    }

    private static bool CanCancel(OrderStatus s) => s is OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled
        or OrderStatus.Suspended or OrderStatus.DoneForDay;

    private RejectReason FindOwned(OmsMessage m, out Order? o)
    {
        o = null;
        if (m.StrategyId < 1 || m.StrategyId > options.MaxStrategies) { return RejectReason.InvalidStrategy; }
        o = Find(m.OrigClOrdId);
        if (o is null) { return RejectReason.UnknownOrder; }
        if (o.Strategy != m.StrategyId) { o = null; return RejectReason.NotOwner; }
        if (m.InstrumentId != 0 && m.InstrumentId != o.Instrument) { return RejectReason.WrongInstrument; }
        if (m.ClOrdId.IsNone) { return RejectReason.MissingClOrdId; }
        if (m.ClOrdId.IsMintedForOtherThan(m.StrategyId)) { return RejectReason.ForeignClOrdId; }
        return _byClOrdId.ContainsKey(m.ClOrdId) ? RejectReason.DuplicateClOrdId : RejectReason.None;
    }

    private void Cancel(OmsMessage m)
    {
        RejectReason r = FindOwned(m, out Order? o);
        if (r == RejectReason.None)
        {
            r = BeginCancel(o!, m.ClOrdId);
        }

        if (r != RejectReason.None) { Count(r); }
    }

    private RejectReason BeginCancel(Order o, IdToken id)
    {
        if (!CanCancel(o.Status))
        {
            return o.Status is OrderStatus.PendingCancel or OrderStatus.PendingReplace ? RejectReason.RequestInFlight : RejectReason.OrderNotLive;
        }

        o.Chain.Add(id);
        _byClOrdId[id] = o;
        o.Previous = o.Status;
        o.Status = OrderStatus.PendingCancel;
        o.PendingClOrdId = id;
        o.PendingQty = 0;
        return RejectReason.None;
    }

    private void Replace(OmsMessage m)
    {
        RejectReason r = FindOwned(m, out Order? o);
        if (r == RejectReason.None)
        {
            if (o!.Status is OrderStatus.PendingCancel or OrderStatus.PendingReplace) { r = RejectReason.RequestInFlight; }
            else if (o.Status == OrderStatus.PendingNew) { r = RejectReason.NotAcknowledged; }
            else if (o.Status is not (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Suspended)) { r = RejectReason.OrderNotLive; }
            else if (m.OrderType != OrderType.None && m.OrderType != o.Type) { r = RejectReason.ReplaceChangesOrderType; }
            else if (m.TimeInForce != 0 && m.TimeInForce != o.Tif) { r = RejectReason.ReplaceChangesTimeInForce; }
            else if (m.OrderQty <= 0) { r = RejectReason.InvalidQuantity; }
            else { r = ValidatePrices(o.Type, m.Price, m.StopPx); }
        }

        if (r != RejectReason.None) { Count(r); return; }
        o!.Chain.Add(m.ClOrdId);
        _byClOrdId[m.ClOrdId] = o;
        o.Previous = o.Status;
        o.Status = OrderStatus.PendingReplace;
        o.PendingClOrdId = m.ClOrdId;
        o.PendingQty = m.OrderQty;
        o.PendingPrice = m.Price;
        o.PendingStopPx = m.StopPx;
    }

    private void MassCancel(OmsMessage m)
    {
        if (m.StrategyId < 1 || m.StrategyId > options.MaxStrategies) { Count(RejectReason.InvalidStrategy); return; }
        foreach (Order o in _orders)
        {
            bool match = o.Strategy == m.StrategyId && (m.AccountId == 0 || o.Account == m.AccountId)
                && (m.InstrumentId == 0 || o.Instrument == m.InstrumentId) && (m.VenueId == 0 || o.Venue == m.VenueId);
            if (match && CanCancel(o.Status))
            {
                BeginCancel(o, IdToken.ForStrategy(OmsEngine.EngineMintedStrategy, ++_mint));
            }
        }
    }
}
