using Oms.Domain;
using Oms.Tables;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    /// <summary>
    /// The number of the last event the engine issued to a strategy's stream, delivered or dropped (0 before any):
    /// the <see cref="OmsEvent.Sequence"/> its consumer has seen everything up to once it has read an event with this
    /// number. Engine thread only, or once the engine thread has stopped: a host reads it then to tell each strategy
    /// where its stream ended (<see cref="Client.OmsClient.CountMissedThrough"/>), so events dropped at the end of a
    /// stream, which no later event reveals, are counted too.
    /// </summary>
    public long StrategyEventSequence(int strategyId)
    {
        if ((uint)(strategyId - 1) >= (uint)_options.MaxStrategies)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(strategyId), $"strategy ids run 1..{_options.MaxStrategies}");
        }

        return _strategySequence[strategyId];
    }

    /// <summary>The order any ClOrdID of its chain names. Engine thread only.</summary>
    public bool TryGetOrder(IdToken clOrdId, out OrderView order)
    {
        if (_orders.TryFindByClOrdId(clOrdId, out int slot))
        {
            order = ViewOf(slot);
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>The order with this internal id; false for an id whose slot was recycled. Engine thread only.</summary>
    public bool TryGetOrder(OrderId id, out OrderView order)
    {
        if (_orders.TryResolve(id, out int slot))
        {
            order = ViewOf(slot);
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>The order venue <paramref name="venueId"/> knows by this OrderID (OrderIDs are each venue's own). Engine thread only.</summary>
    public bool TryGetOrderByVenueId(int venueId, IdToken venueOrderId, out OrderView order)
    {
        if (_orders.TryFindByVenueOrderId(venueId, venueOrderId, out int slot))
        {
            order = ViewOf(slot);
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>Every order row, in creation order. Engine thread only; allocates the list.</summary>
    public List<OrderView> SnapshotOrders()
    {
        var list = new List<OrderView>(_orders.Count);
        for (int slot = _orders.First; slot >= 0; slot = _orders.NextOf(slot))
        {
            list.Add(ViewOf(slot));
        }

        return list;
    }

    /// <summary>Every position row, in creation order. Engine thread only; allocates the list.</summary>
    public List<PositionView> SnapshotPositions()
    {
        var list = new List<PositionView>(_positions.Count);
        for (int row = 0; row < _positions.Count; row++)
        {
            list.Add(PositionViewOf(row));
        }

        return list;
    }

    /// <summary>The position of (owner, id, instrument), if any fill or order created it. Engine thread only.</summary>
    public bool TryGetPosition(PositionOwner owner, int ownerId, int instrumentId, out PositionView position)
    {
        int row = _positions.Find(owner, ownerId, instrumentId);
        position = row >= 0 ? PositionViewOf(row) : default;
        return row >= 0;
    }

    /// <summary>A row's ClOrdID chain, oldest first. Engine thread only; allocates the array.</summary>
    public IdToken[] ChainOf(OrderId id)
    {
        if (!_orders.TryResolve(id, out int slot))
        {
            return [];
        }

        var chain = new IdToken[_orders.ChainLength(slot)];
        _orders.CopyChain(slot, chain);
        return chain;
    }

    private long LeavesOf(int slot) =>
        _orders.Flags[slot].Status.IsLive() ? Math.Max(0, _orders.Quantities[slot].OrderQty - _orders.Quantities[slot].CumQty) : 0;

    private OrderView ViewOf(int slot)
    {
        var o = _orders;
        return new OrderView(o.IdOf(slot), o.ClOrdId[slot], o.OrigClOrdId[slot], o.VenueOrderId[slot], o.Strategy[slot],
            o.Account[slot], o.Instrument[slot], o.Flags[slot].Venue, o.Flags[slot].Side, o.Type[slot], o.Tif[slot], o.Flags[slot].Status,
            o.Quantities[slot].OrderQty, o.Price[slot], o.StopPx[slot], o.Quantities[slot].CumQty, LeavesOf(slot),
            FixedPoint.AveragePrice(o.Notional[slot], o.Quantities[slot].CumQty), o.Notional[slot], o.Flags[slot].Overfilled,
            o.ChainLength(slot), o.PendingClOrdId[slot]);
    }

    private PositionView PositionViewOf(int row)
    {
        var p = _positions;
        return new PositionView(p.Owner[row], p.OwnerId[row], p.Instrument[row], p.NetQty[row], p.AverageCost(row),
            p.Cost[row], p.Realized[row], p.Fees[row], p.BoughtQty[row], p.SoldQty[row], p.Incomplete[row]);
    }
}
