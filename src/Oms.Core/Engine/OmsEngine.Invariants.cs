using Oms.Domain;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    /// <summary>
    /// A deep structural check for tests (STYLE P9): every row's ids resolve back to it, live orders have
    /// leaves, quantities are consistent, positions balance and equal a replay of their fills (checkpoints
    /// included). Returns the first broken invariant, or null. O(orders + positions + fills); engine thread
    /// only. Allocates only to describe a failure.
    /// </summary>
    public string? ValidateInvariants()
    {
        Span<IdToken> chain = stackalloc IdToken[64];
        int seen = 0;
        for (int slot = _orders.First; slot >= 0; slot = _orders.NextOf(slot))
        {
            seen++;
            string? problem = CheckOrder(slot, chain);
            if (problem is not null)
            {
                return $"order {_orders.OrigClOrdId[slot]} (slot {slot}): {problem}";
            }
        }

        if (seen != _orders.Count)
        {
            return $"the creation-ordered list holds {seen} rows, the table counts {_orders.Count}";
        }

        int live = CountLiveOrders();
        if (live != _liveOrders)
        {
            return $"{live} orders are live, the engine counts {_liveOrders} (the ClOrdIDs it keeps for their cancels)";
        }

        for (int row = 0; row < _positions.Count; row++)
        {
            if (_positions.BoughtQty[row] - _positions.SoldQty[row] != _positions.NetQty[row])
            {
                return $"position row {row}: bought {_positions.BoughtQty[row]} - sold {_positions.SoldQty[row]} != net {_positions.NetQty[row]}";
            }

            if (_positions.NetQty[row] == 0 && _positions.Cost[row] != 0)
            {
                return $"position row {row}: flat but holds cost {_positions.Cost[row]}";
            }
        }

        return _positions.CheckChains(_fills);
    }

    /// <summary>Orders whose status is live, counted row by row (a snapshot's load sets the running count from it).</summary>
    private int CountLiveOrders()
    {
        int live = 0;
        for (int slot = _orders.First; slot >= 0; slot = _orders.NextOf(slot))
        {
            live += _orders.Flags[slot].Status.IsLive() ? 1 : 0;
        }

        return live;
    }

    /// <summary>
    /// The first order row that left the firm (any status but Denied) on a venue outside 1..MaxVenues, or −1. Its
    /// cancels and replaces would address a venue queue this engine does not have (a snapshot from an engine
    /// with more venues).
    /// </summary>
    private int FirstOrderOnAnUnknownVenue()
    {
        for (int slot = _orders.First; slot >= 0; slot = _orders.NextOf(slot))
        {
            if (_orders.Flags[slot].Status != OrderStatus.Denied && !IsVenue(_orders.Flags[slot].Venue))
            {
                return slot;
            }
        }

        return -1;
    }

    private string? CheckOrder(int slot, Span<IdToken> buffer)
    {
        OrderStatus status = _orders.Flags[slot].Status;
        if (status is OrderStatus.None or OrderStatus.Replaced)
        {
            return $"holds status {status}";
        }

        if (!_orders.TryResolve(_orders.IdOf(slot), out int resolved) || resolved != slot)
        {
            return "its OrderId does not resolve to it";
        }

        if (status.IsLive() && (uint)(_orders.Strategy[slot] - 1) < (uint)_options.MaxStrategies && !_orders.IsTrackedLive(slot))
        {
            return "it is live but missing from its strategy's live list (mass cancel would miss it)";
        }

        if (StrategyOf(slot) != _orders.Strategy[slot] || AccountOf(slot) != _orders.Account[slot]
            || InstrumentOf(slot) != _orders.Instrument[slot])
        {
            // Events and venue commands take the owner ids from the position rows (see StrategyOf).
            return "its position rows name another strategy, account or instrument than its own columns";
        }

        if (_orders.Quantities[slot].CumQty < 0)
        {
            return $"negative CumQty {_orders.Quantities[slot].CumQty}";
        }

        if (status.IsLive() && _orders.Quantities[slot].IsFilled)
        {
            return $"live ({status}) with CumQty {_orders.Quantities[slot].CumQty} >= OrderQty {_orders.Quantities[slot].OrderQty}";
        }

        if (status is OrderStatus.PendingCancel or OrderStatus.PendingReplace && _orders.Flags[slot].PreviousStatus == OrderStatus.None)
        {
            return $"{status} with no status to restore";
        }

        int length = _orders.ChainLength(slot);
        Span<IdToken> chain = length <= buffer.Length ? buffer : new IdToken[length];
        int n = _orders.CopyChain(slot, chain);
        if (n != length || n < 1 || chain[0] != _orders.OrigClOrdId[slot])
        {
            return "its chain does not start with its first ClOrdID";
        }

        bool currentInChain = false;
        for (int i = 0; i < n; i++)
        {
            currentInChain |= chain[i] == _orders.ClOrdId[slot];
            if (!_orders.TryFindByClOrdId(chain[i], out int s) || s != slot)
            {
                return $"chain id {chain[i]} does not resolve to it";
            }

            if (_orders.IdOf(s).Generation != _orders.Generation[slot])
            {
                // Events take the generation from the index entry the lookup read (see OrderTable.IdOf).
                return $"chain id {chain[i]} is indexed under generation {_orders.IdOf(s).Generation}, the row has {_orders.Generation[slot]}";
            }
        }

        if (!currentInChain)
        {
            return "its current ClOrdID is not in its chain";
        }

        IdToken venueId = _orders.VenueOrderId[slot];
        if (!venueId.IsNone && !_orders.TryFindByVenueOrderId(_orders.Flags[slot].Venue, venueId, out _))
        {
            return $"venue {_orders.Flags[slot].Venue}'s OrderID {venueId} is not indexed";
        }

        return null;
    }
}
