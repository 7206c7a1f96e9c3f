namespace Oms.Domain;

/// <summary>Order side (FIX tag 54). Values are the FIX characters.</summary>
public enum Side : byte
{
    /// <summary>No side; never valid on an order.</summary>
    None = 0,
    /// <summary>Buy (54=1).</summary>
    Buy = (byte)'1',
    /// <summary>Sell (54=2).</summary>
    Sell = (byte)'2',
    /// <summary>Sell short (54=5): a sell for positions and PnL.</summary>
    SellShort = (byte)'5',
    /// <summary>Sell short exempt (54=6): a sell for positions and PnL.</summary>
    SellShortExempt = (byte)'6',
}

/// <summary>Order type (FIX tag 40). Values are the FIX characters.</summary>
public enum OrderType : byte
{
    /// <summary>No type; never valid on an order.</summary>
    None = 0,
    /// <summary>Market (40=1): no price.</summary>
    Market = (byte)'1',
    /// <summary>Limit (40=2): a positive limit price.</summary>
    Limit = (byte)'2',
    /// <summary>Stop (40=3): a positive stop price, no limit price.</summary>
    Stop = (byte)'3',
    /// <summary>Stop-limit (40=4): both a stop price and a limit price.</summary>
    StopLimit = (byte)'4',
}

/// <summary>Time in force (FIX tag 59). Values are the FIX characters.</summary>
public enum TimeInForce : byte
{
    /// <summary>Day (59=0), the FIX default.</summary>
    Day = (byte)'0',
    /// <summary>Good till cancel (59=1).</summary>
    GoodTillCancel = (byte)'1',
    /// <summary>At the opening (59=2).</summary>
    AtTheOpening = (byte)'2',
    /// <summary>Immediate or cancel (59=3).</summary>
    ImmediateOrCancel = (byte)'3',
    /// <summary>Fill or kill (59=4).</summary>
    FillOrKill = (byte)'4',
    /// <summary>Good till crossing (59=5).</summary>
    GoodTillCrossing = (byte)'5',
    /// <summary>Good till date (59=6): requires an expire time.</summary>
    GoodTillDate = (byte)'6',
    /// <summary>At the close (59=7).</summary>
    AtTheClose = (byte)'7',
}

/// <summary>
/// Order status held by the order table: FIX 4.4 OrdStatus (tag 39) plus the local <see cref="Denied"/>.
/// Values are the FIX characters so they print and journal as FIX does.
/// </summary>
public enum OrderStatus : byte
{
    /// <summary>Unused slot; never the status of a real order.</summary>
    None = 0,
    /// <summary>Sent, not yet acknowledged (39=A).</summary>
    PendingNew = (byte)'A',
    /// <summary>Acknowledged by the venue, no fills (39=0).</summary>
    New = (byte)'0',
    /// <summary>Some quantity filled, some leaves (39=1).</summary>
    PartiallyFilled = (byte)'1',
    /// <summary>Fully filled; terminal (39=2).</summary>
    Filled = (byte)'2',
    /// <summary>Done for the day; no further fills expected today (39=3).</summary>
    DoneForDay = (byte)'3',
    /// <summary>Canceled; terminal (39=4).</summary>
    Canceled = (byte)'4',
    /// <summary>Replaced (39=5). Never held by a row: a cancel/replace chain lives in one row.</summary>
    Replaced = (byte)'5',
    /// <summary>Stopped (39=7): a venue's status, decoded from reports; never held by a row.</summary>
    Stopped = (byte)'7',
    /// <summary>A cancel is in flight (39=6).</summary>
    PendingCancel = (byte)'6',
    /// <summary>Rejected by the venue; terminal (39=8).</summary>
    Rejected = (byte)'8',
    /// <summary>Suspended by the venue (39=9).</summary>
    Suspended = (byte)'9',
    /// <summary>Calculated (39=B): a venue's status, decoded from reports; never held by a row.</summary>
    Calculated = (byte)'B',
    /// <summary>Expired; terminal (39=C).</summary>
    Expired = (byte)'C',
    /// <summary>Accepted for bidding (39=D): a venue's status, decoded from reports; never held by a row.</summary>
    AcceptedForBidding = (byte)'D',
    /// <summary>A cancel/replace is in flight (39=E).</summary>
    PendingReplace = (byte)'E',
    /// <summary>Refused locally before it left the firm; terminal. Not a FIX value.</summary>
    Denied = (byte)'z',
}

/// <summary>Execution type (FIX 4.4 tag 150). Values are the FIX characters.</summary>
public enum ExecType : byte
{
    /// <summary>Not an execution report.</summary>
    None = 0,
    /// <summary>150=0.</summary>
    New = (byte)'0',
    /// <summary>150=3.</summary>
    DoneForDay = (byte)'3',
    /// <summary>150=4.</summary>
    Canceled = (byte)'4',
    /// <summary>150=5.</summary>
    Replaced = (byte)'5',
    /// <summary>150=6.</summary>
    PendingCancel = (byte)'6',
    /// <summary>150=7: the order is stopped (a guaranteed price); informational here.</summary>
    Stopped = (byte)'7',
    /// <summary>150=8.</summary>
    Rejected = (byte)'8',
    /// <summary>150=9.</summary>
    Suspended = (byte)'9',
    /// <summary>150=A.</summary>
    PendingNew = (byte)'A',
    /// <summary>150=B: calculated (post-trade); informational here.</summary>
    Calculated = (byte)'B',
    /// <summary>150=C.</summary>
    Expired = (byte)'C',
    /// <summary>150=D: the venue restated the order (quantity or price may change).</summary>
    Restated = (byte)'D',
    /// <summary>150=E.</summary>
    PendingReplace = (byte)'E',
    /// <summary>150=F: a partial or full fill.</summary>
    Trade = (byte)'F',
    /// <summary>150=G: a correction of an earlier fill named by ExecRefID.</summary>
    TradeCorrect = (byte)'G',
    /// <summary>150=H: a bust of an earlier fill named by ExecRefID.</summary>
    TradeCancel = (byte)'H',
    /// <summary>150=I: a status report; informational (the engine keeps the status its own transitions derive).</summary>
    OrderStatus = (byte)'I',
}

/// <summary>What an order cancel reject answers (FIX tag 434).</summary>
public enum CxlRejResponseTo : byte
{
    /// <summary>Not set.</summary>
    None = 0,
    /// <summary>434=1: the reject answers an order cancel request.</summary>
    CancelRequest = (byte)'1',
    /// <summary>434=2: the reject answers an order cancel/replace request.</summary>
    ReplaceRequest = (byte)'2',
}

/// <summary>Extension helpers over <see cref="Side"/>.</summary>
public static class SideExtensions
{
    /// <summary>True for the sells: <see cref="Side.Sell"/>, <see cref="Side.SellShort"/> and <see cref="Side.SellShortExempt"/>.</summary>
    public static bool IsSell(this Side side) => side is Side.Sell or Side.SellShort or Side.SellShortExempt;

    /// <summary>
    /// True when a report's side agrees with its order's: the same side, or two sells (a venue may report a short
    /// sale as a plain sell or the reverse; positions and PnL treat every sell alike). A side outside the enum
    /// agrees with nothing.
    /// </summary>
    public static bool AgreesWith(this Side reported, Side order) =>
        reported == order || (reported.IsSell() && order.IsSell());
}

/// <summary>Extension helpers over <see cref="OrderStatus"/>.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True when no further state change is expected in normal flow (fills may still arrive late).</summary>
    public static bool IsTerminal(this OrderStatus status) => status is OrderStatus.Filled or OrderStatus.Canceled
        or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.Denied;

    /// <summary>True while the order can still trade: it has leaves quantity at the venue.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsLive(this OrderStatus status) => status is OrderStatus.PendingNew or OrderStatus.New
        or OrderStatus.PartiallyFilled or OrderStatus.PendingCancel or OrderStatus.PendingReplace
        or OrderStatus.Suspended or OrderStatus.DoneForDay;
}
