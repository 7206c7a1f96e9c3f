using Oms.Domain;

namespace Oms.Venue.Book;

/// <summary>Where a venue order record is in its life.</summary>
internal enum SimOrderState : byte
{
    /// <summary>The record is on the free list.</summary>
    Free = 0,
    /// <summary>Accepted and matching as the aggressor; not in the book yet.</summary>
    Working = 1,
    /// <summary>In a price level of the book.</summary>
    Resting = 2,
    /// <summary>Finished (filled, canceled, expired); kept only while a bust or correction still names it.</summary>
    Done = 3,
}

/// <summary>
/// One order at the venue: an order from the OMS or a background participant's. A row of the preallocated
/// <see cref="OrderPool"/>; resting orders are linked into their price level's FIFO by index.
/// </summary>
internal struct SimOrder
{
    /// <summary>The OMS's current ClOrdID (none for background orders).</summary>
    public IdToken ClOrdId;
    /// <summary>The venue's OrderID (none for background orders).</summary>
    public IdToken VenueOrderId;
    /// <summary>Limit price, raw; 0 for market orders.</summary>
    public long Price;
    /// <summary>Order quantity, raw.</summary>
    public long OrderQty;
    /// <summary>Quantity filled (net of busts), raw.</summary>
    public long CumQty;
    /// <summary>Quantity still open: OrderQty − CumQty while working or resting, 0 once done.</summary>
    public long Leaves;
    /// <summary>Price × quantity of the fills that stand, for the average price.</summary>
    public Int128 Notional;
    /// <summary>GTD expiry (same clock as DoWork's argument).</summary>
    public long ExpireTime;
    /// <summary>The latest due time of any report queued for this order: later reports are never due before it.</summary>
    public long LastDue;
    /// <summary>Due time of the latest report that no fill may overtake (anything but an ack or a fill): the out-of-order fault's limit.</summary>
    public long Barrier;
    /// <summary>Arrival sequence at the venue (time priority, and a tie-break for checks).</summary>
    public long Arrival;
    /// <summary>Instrument index (into the venue's instrument array).</summary>
    public int Instrument;
    /// <summary>Previous order in the price level, or -1.</summary>
    public int Prev;
    /// <summary>Next order in the price level, or -1.</summary>
    public int Next;
    /// <summary>Bumped each time the record is freed, so a timer naming an old order never touches a new one.</summary>
    public int Generation;
    /// <summary>Pending busts and corrections that still need this record.</summary>
    public int Pins;
    /// <summary>The side as the OMS sent it (reports repeat it).</summary>
    public Side Side;
    /// <summary>True for buy orders (SellShort and SellShortExempt sell).</summary>
    public bool IsBuy;
    /// <summary>Order type.</summary>
    public OrderType Type;
    /// <summary>Time in force.</summary>
    public TimeInForce Tif;
    /// <summary>Life-cycle position.</summary>
    public SimOrderState State;
    /// <summary>How the order finished (Filled, Canceled, Expired) once <see cref="SimOrderState.Done"/>.</summary>
    public OrderStatus EndStatus;
    /// <summary>True for a background participant's order: it gets no reports.</summary>
    public bool Background;

    /// <summary>The FIX OrdStatus the order has now.</summary>
    public readonly OrderStatus Status => State == SimOrderState.Done ? EndStatus
        : CumQty <= 0 ? OrderStatus.New
        : Leaves > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Filled;
}
