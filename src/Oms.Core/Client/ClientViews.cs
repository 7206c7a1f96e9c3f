using Oms.Domain;

namespace Oms.Client;

/// <summary>A strategy's own view of one of its orders, kept by <see cref="OmsClient"/> from events.</summary>
public sealed class ClientOrder
{
    /// <summary>The engine's id of the order.</summary>
    public OrderId OrderId { get; internal set; }
    /// <summary>The ClOrdID the order was submitted with.</summary>
    public IdToken OrigClOrdId { get; internal set; }
    /// <summary>The order's current ClOrdID (after replaces).</summary>
    public IdToken ClOrdId { get; internal set; }
    /// <summary>The instrument.</summary>
    public int InstrumentId { get; internal set; }
    /// <summary>The account.</summary>
    public int AccountId { get; internal set; }
    /// <summary>The side.</summary>
    public Side Side { get; internal set; }
    /// <summary>Latest known status.</summary>
    public OrderStatus Status { get; internal set; }
    /// <summary>Order quantity, raw.</summary>
    public long OrderQty { get; internal set; }
    /// <summary>Limit price, raw.</summary>
    public long Price { get; internal set; }
    /// <summary>Filled quantity, raw.</summary>
    public long CumQty { get; internal set; }
    /// <summary>Leaves quantity, raw.</summary>
    public long LeavesQty { get; internal set; }
    /// <summary>Average fill price, raw.</summary>
    public long AvgPx { get; internal set; }
}

/// <summary>A strategy's own position in one instrument, as the latest fill event reported it.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="NetQty">Signed net quantity, raw.</param>
/// <param name="AvgCost">Average cost, raw at the price scale.</param>
/// <param name="RealizedPnl">Realized PnL, raw at the notional scale.</param>
public readonly record struct ClientPosition(int InstrumentId, long NetQty, long AvgCost, Int128 RealizedPnl);
