using System.Runtime.InteropServices;
using Oms.Domain;

namespace Oms.Engine;

/// <summary>What an output event tells a strategy (or the operator, for anomalies).</summary>
public enum EventKind : byte
{
    /// <summary>Unused.</summary>
    None = 0,
    /// <summary>The engine accepted a new order and sent it to the venue (status PendingNew).</summary>
    Submitted = 1,
    /// <summary>The engine refused a new order before it left the firm (status Denied, or no row if it could not be stored).</summary>
    Denied = 2,
    /// <summary>The venue acknowledged the order.</summary>
    Accepted = 3,
    /// <summary>The venue rejected the order.</summary>
    Rejected = 4,
    /// <summary>A fill was applied (partial or full; see Status and LeavesQty).</summary>
    Filled = 5,
    /// <summary>A cancel request was sent, or the venue reports a cancel pending.</summary>
    PendingCancel = 6,
    /// <summary>The order was canceled.</summary>
    Canceled = 7,
    /// <summary>A cancel/replace request was sent, or the venue reports it pending.</summary>
    PendingReplace = 8,
    /// <summary>The cancel/replace took effect: new ClOrdID, quantity and price.</summary>
    Replaced = 9,
    /// <summary>The venue rejected a cancel; the order is back in its previous state.</summary>
    CancelRejected = 10,
    /// <summary>The venue rejected a cancel/replace; the order is back in its previous state.</summary>
    ReplaceRejected = 11,
    /// <summary>The order expired.</summary>
    Expired = 12,
    /// <summary>The order is done for the day.</summary>
    DoneForDay = 13,
    /// <summary>The order was suspended.</summary>
    Suspended = 14,
    /// <summary>The venue restated the order.</summary>
    Restated = 15,
    /// <summary>A fill was busted (trade cancel).</summary>
    TradeBusted = 16,
    /// <summary>A fill was corrected (trade correct).</summary>
    TradeCorrected = 17,
    /// <summary>A cancel, replace or mass cancel command was refused by the engine (see Reason).</summary>
    RequestRefused = 18,
    /// <summary>Something in the input was wrong; state is untouched unless Reason says it was applied and flagged.</summary>
    Anomaly = 19,
    /// <summary>A mass cancel finished: LastQty holds how many cancels were sent.</summary>
    MassCancelDone = 20,
}

/// <summary>
/// One output event: fixed-size and unmanaged, written by the engine into per-strategy streams and the
/// anomaly stream. It carries the order's state after the event and, for fills, the strategy's position
/// in the instrument after the fill, so a client keeps its own mirror without reading engine tables.
/// </summary>
/// <remarks>
/// 192 bytes, three cache lines, with no padding: the fields are ordered so that every 16-byte-aligned one
/// (the tokens, the realized PnL) falls on a 16-byte boundary. A layout test holds it there; a field added
/// or moved carelessly pads it to 208 and every event then spans a fourth line.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct OmsEvent
{
    /// <summary>What happened.</summary>
    public EventKind Kind;
    /// <summary>The order's status after the event.</summary>
    public OrderStatus Status;
    /// <summary>The order's side.</summary>
    public Side Side;
    /// <summary>The venue's own reason code, when a venue reject caused the event.</summary>
    public byte VenueReason;
    /// <summary>Why, for refusals, rejects and anomalies.</summary>
    public RejectReason Reason;
    /// <summary>The message kind that caused the event.</summary>
    public MessageKind Cause;
    /// <summary>The execution type that caused the event (reports only).</summary>
    public ExecType CauseExecType;
    /// <summary>The owning strategy.</summary>
    public int StrategyId;
    /// <summary>The order's account.</summary>
    public int AccountId;
    /// <summary>The order's instrument.</summary>
    public int InstrumentId;
    /// <summary>The order's venue.</summary>
    public int VenueId;
    /// <summary>
    /// Position of this event in its stream: 1, 2, 3… with no gaps unless events were dropped on overrun. Written
    /// last, it is also what publishes the event to the stream's consumer (<see cref="EventStream"/>).
    /// </summary>
    public long Sequence;
    /// <summary>The timestamp of the message that caused the event.</summary>
    public long Timestamp;
    /// <summary>The engine's input sequence of the message that caused the event (its journal sequence).</summary>
    public long InputSequence;
    /// <summary>The engine's id of the order (none when no row exists).</summary>
    public OrderId OrderId;
    /// <summary>The order quantity, raw.</summary>
    public long OrderQty;
    /// <summary>The order's current ClOrdID (after a replace, the new one).</summary>
    public IdToken ClOrdId;
    /// <summary>The ClOrdID named by the message (a cancel's or replace's request id, or the report's).</summary>
    public IdToken RequestClOrdId;
    /// <summary>The ExecID of the report that caused the event.</summary>
    public IdToken ExecId;
    /// <summary>The limit price, raw.</summary>
    public long Price;
    /// <summary>This fill's quantity, raw (signed negative for a bust).</summary>
    public long LastQty;
    /// <summary>This fill's price, raw.</summary>
    public long LastPx;
    /// <summary>The order's cumulative filled quantity, raw.</summary>
    public long CumQty;
    /// <summary>The order's leaves quantity, raw.</summary>
    public long LeavesQty;
    /// <summary>The order's average fill price, raw (price scale, rounded half away from zero).</summary>
    public long AvgPx;
    /// <summary>The strategy's net position in the instrument after the event.</summary>
    public long PositionNetQty;
    /// <summary>The strategy's average cost in the instrument after the event, raw (price scale).</summary>
    public long PositionAvgCost;
    /// <summary>The strategy's realized PnL in the instrument after the event, raw (notional scale).</summary>
    public Int128 PositionRealizedPnl;
}
