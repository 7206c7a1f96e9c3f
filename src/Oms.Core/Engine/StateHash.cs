namespace Oms.Engine;

/// <summary>
/// The canonical state hash: the wrapping sum of one 64-bit hash per order row and per position row, so it
/// does not depend on the order rows are stored or visited in. Two states with equal hashes hold the same
/// orders and positions (up to 64-bit hash collisions, which tests treat as negligible).
/// </summary>
/// <remarks>Anything that models Oms state (the engine, the reference model in the tests, a replay) hashes
/// its rows through these two functions, so their hashes are comparable.</remarks>
public static class StateHash
{
    /// <summary>The hash of one order's observable state.</summary>
    public static ulong Order(in OrderView o)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        h = Mix(h, o.ClOrdId.Value);
        h = Mix(h, o.OrigClOrdId.Value);
        h = Mix(h, o.VenueOrderId.Value);
        h = Mix(h, ((ulong)(uint)o.StrategyId << 32) | (uint)o.AccountId);
        h = Mix(h, ((ulong)(uint)o.InstrumentId << 32) | (uint)o.VenueId);
        h = Mix(h, ((ulong)o.Side << 24) | ((ulong)o.OrderType << 16) | ((ulong)o.TimeInForce << 8) | (ulong)o.Status);
        h = Mix(h, (ulong)o.OrderQty);
        h = Mix(h, (ulong)o.Price);
        h = Mix(h, (ulong)o.StopPx);
        h = Mix(h, (ulong)o.CumQty);
        h = Mix(h, (UInt128)o.Notional);
        h = Mix(h, ((ulong)(uint)o.ChainLength << 1) | (o.Overfilled ? 1UL : 0UL));
        h = Mix(h, o.PendingClOrdId.Value);
        return Finish(h);
    }

    /// <summary>The hash of one position's state.</summary>
    public static ulong Position(in PositionView p)
    {
        ulong h = 0xC2B2AE3D27D4EB4FUL;
        h = Mix(h, ((ulong)p.Owner << 56) ^ ((ulong)(uint)p.OwnerId << 28) ^ (uint)p.InstrumentId);
        h = Mix(h, (ulong)p.NetQty);
        h = Mix(h, (UInt128)p.Cost);
        h = Mix(h, (UInt128)p.RealizedPnl);
        h = Mix(h, (UInt128)p.Fees);
        h = Mix(h, (ulong)p.BoughtQty);
        h = Mix(h, (ulong)p.SoldQty);
        return Finish(h);
    }

    private static ulong Mix(ulong h, UInt128 v) => Mix(Mix(h, (ulong)v), (ulong)(v >> 64));

    private static ulong Mix(ulong h, ulong v)
    {
        h ^= v * 0x9E3779B97F4A7C15UL;
        h = (h << 27) | (h >> 37);
        return h * 0xFF51AFD7ED558CCDUL + 0x165667B19E3779F9UL;
    }

    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}

public sealed partial class OmsEngine
{
    /// <summary>The state hash over every order and position row (see <see cref="StateHash"/>). Engine thread only.</summary>
    public ulong ComputeStateHash()
    {
        ulong sum = 0;
        for (int slot = _orders.First; slot >= 0; slot = _orders.NextOf(slot))
        {
            OrderView view = ViewOf(slot);
            sum += StateHash.Order(in view);
        }

        for (int row = 0; row < _positions.Count; row++)
        {
            PositionView view = PositionViewOf(row);
            sum += StateHash.Position(in view);
        }

        return sum;
    }
}
