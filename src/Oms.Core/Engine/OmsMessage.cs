using System.Runtime.InteropServices;
using Oms.Domain;

namespace Oms.Engine;

/// <summary>What an inbound ring message asks the engine to do.</summary>
public enum MessageKind : byte
{
    /// <summary>An empty slot; applying it is an anomaly.</summary>
    None = 0,
    /// <summary>Strategy command: a new order (FIX 35=D semantics).</summary>
    NewOrder = 1,
    /// <summary>Strategy command: cancel the order named by OrigClOrdId (35=F).</summary>
    Cancel = 2,
    /// <summary>Strategy command: cancel/replace the order named by OrigClOrdId (35=G).</summary>
    Replace = 3,
    /// <summary>Strategy command: cancel every live order of the sender matching the filter.</summary>
    MassCancel = 4,
    /// <summary>Venue report: an execution report (35=8).</summary>
    ExecutionReport = 5,
    /// <summary>Venue report: an order cancel reject (35=9).</summary>
    CancelReject = 6,
}

/// <summary>
/// One inbound ring slot: a strategy command or a venue report, fixed-size and unmanaged (192 bytes,
/// three cache lines; a layout test holds it there: the 16-byte-aligned tokens must start at offset 32). Strings never enter the ring: ids are <see cref="IdToken"/>s, names are dense ints
/// interned at the edge, prices and quantities are fixed-point raw values at the instrument's scales.
/// </summary>
/// <remarks>
/// Fields a kind does not use stay zero. <see cref="Timestamp"/> is stamped by the producer from its
/// clock: the engine reads no clock of its own.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct OmsMessage
{
    /// <summary>What this message is.</summary>
    public MessageKind Kind;
    /// <summary>Execution type (reports only).</summary>
    public ExecType ExecType;
    /// <summary>The venue's OrdStatus on a report (informational; the engine derives its own).</summary>
    public OrderStatus OrdStatus;
    /// <summary>
    /// Side: a new order's; on an execution report, the order's side as the venue repeats it, which must be the
    /// order's (0 = not said).
    /// </summary>
    public Side Side;
    /// <summary>Order type: a new order's; on a replace, which must keep the order's (0 = not said).</summary>
    public OrderType OrderType;
    /// <summary>Time in force: a new order's; on a replace, which must keep the order's (0 = not said).</summary>
    public TimeInForce TimeInForce;
    /// <summary>For <see cref="MessageKind.CancelReject"/>: which request it answers.</summary>
    public CxlRejResponseTo CxlRejResponseTo;
    /// <summary>The venue's reason code (OrdRejReason, CxlRejReason or ExecRestatementReason).</summary>
    public byte VenueReason;
    /// <summary>The sending strategy (commands) or 0 (reports: the engine knows the owner).</summary>
    public int StrategyId;
    /// <summary>Interned account (new orders; mass-cancel filter, 0 = any).</summary>
    public int AccountId;
    /// <summary>
    /// Interned instrument: a new order's; the mass-cancel filter (0 = any); on an execution report, a cancel or a
    /// replace, the instrument at whose scales its values were read, which must be the order's (0 = not said).
    /// </summary>
    public int InstrumentId;
    /// <summary>
    /// Interned venue: where a new order goes; the mass-cancel filter (0 = any); and on every report (execution
    /// report, cancel reject) the venue whose session delivered it, required: OrderIDs are looked up within it
    /// and a report about an order sent elsewhere is refused.
    /// </summary>
    public int VenueId;
    /// <summary>Producer timestamp, nanoseconds since the Unix epoch.</summary>
    public long Timestamp;
    /// <summary>ClOrdID (11): the new order's, the cancel/replace request's, or the report's.</summary>
    public IdToken ClOrdId;
    /// <summary>OrigClOrdID (41): the order a cancel/replace request or report refers to.</summary>
    public IdToken OrigClOrdId;
    /// <summary>The venue's OrderID (37).</summary>
    public IdToken VenueOrderId;
    /// <summary>ExecID (17) of a report.</summary>
    public IdToken ExecId;
    /// <summary>ExecRefID (19): the fill a bust or correction refers to.</summary>
    public IdToken ExecRefId;
    /// <summary>OrderQty (38), raw.</summary>
    public long OrderQty;
    /// <summary>Price (44), raw; zero for market and stop orders.</summary>
    public long Price;
    /// <summary>StopPx (99), raw.</summary>
    public long StopPx;
    /// <summary>LastQty (32), raw.</summary>
    public long LastQty;
    /// <summary>LastPx (31), raw.</summary>
    public long LastPx;
    /// <summary>The venue's CumQty (14), raw (informational).</summary>
    public long CumQty;
    /// <summary>The venue's LeavesQty (151), raw (informational).</summary>
    public long LeavesQty;
    /// <summary>The venue's AvgPx (6), raw (informational).</summary>
    public long AvgPx;
    /// <summary>Fee (commission) of this fill, raw at the notional scale.</summary>
    public long Fee;
    /// <summary>ExpireTime (126), nanoseconds since the Unix epoch; GTD only.</summary>
    public long ExpireTime;
}
