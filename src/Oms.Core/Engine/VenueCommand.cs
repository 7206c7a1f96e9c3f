using System.Runtime.InteropServices;
using Oms.Domain;

namespace Oms.Engine;

/// <summary>What a gateway is asked to send.</summary>
public enum VenueCommandKind : byte
{
    /// <summary>Unused.</summary>
    None = 0,
    /// <summary>Send a new order (35=D).</summary>
    New = 1,
    /// <summary>Send a cancel request (35=F).</summary>
    Cancel = 2,
    /// <summary>Send a cancel/replace request (35=G).</summary>
    Replace = 3,
}

/// <summary>
/// One outbound command in a venue's queue: everything a gateway needs to put the request on the wire,
/// with ids as tokens (the gateway keeps the token → string map for the ids it sends).
/// </summary>
/// <remarks>
/// 128 bytes, two whole cache lines, with no padding (a layout test holds it). At 112 bytes, one slot in two
/// of a queue spanned three lines and three lines in seven held parts of two commands, so the gateway reading
/// one command and the engine writing the next fought over a line: a cross-thread queue moved 30 to 32M
/// 112-byte commands a second against 51 to 56M padded to 128 (docs/perf/benchmarks.md, eighteenth run). The
/// first line holds what a gateway reads first: the kind, the ids, the numbers and the request's ClOrdID.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct VenueCommand
{
    /// <summary>What to send.</summary>
    public VenueCommandKind Kind;
    /// <summary>Side.</summary>
    public Side Side;
    /// <summary>Order type.</summary>
    public OrderType OrderType;
    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce;
    /// <summary>The owning strategy.</summary>
    public int StrategyId;
    /// <summary>The account.</summary>
    public int AccountId;
    /// <summary>The instrument.</summary>
    public int InstrumentId;
    /// <summary>The engine's order id.</summary>
    public OrderId OrderId;
    /// <summary>The timestamp of the command that caused this.</summary>
    public long Timestamp;
    /// <summary>This command's number in its venue's queue: 1, 2, 3… with no gaps (a full queue refuses the request instead).</summary>
    public long Sequence;
    /// <summary>The engine's input sequence of the message that caused this command (its journal sequence).</summary>
    public long InputSequence;
    /// <summary>The request's ClOrdID (the order's for New, the request's for Cancel/Replace).</summary>
    public IdToken ClOrdId;
    /// <summary>The ClOrdID the request refers to (Cancel/Replace).</summary>
    public IdToken OrigClOrdId;
    /// <summary>The venue's OrderID, once known.</summary>
    public IdToken VenueOrderId;
    /// <summary>Quantity, raw.</summary>
    public long OrderQty;
    /// <summary>Limit price, raw.</summary>
    public long Price;
    /// <summary>Stop price, raw.</summary>
    public long StopPx;
    /// <summary>Expire time (GTD), ns since the Unix epoch.</summary>
    public long ExpireTime;
}
