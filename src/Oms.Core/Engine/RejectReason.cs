namespace Oms.Engine;

/// <summary>
/// Why the engine refused a command or flagged a report, grouped by stage in numeric ranges:
/// 1xx command validation, 2xx ownership and order state, 3xx capacity and back-pressure,
/// 4xx venue-report anomalies, 5xx venue outcomes.
/// </summary>
public enum RejectReason : ushort
{
    /// <summary>No reason: success.</summary>
    None = 0,

    /// <summary>The message kind is not one the engine knows.</summary>
    UnknownMessageKind = 100,
    /// <summary>Strategy id outside 1..MaxStrategies.</summary>
    InvalidStrategy = 101,
    /// <summary>Account id outside 1..MaxAccounts.</summary>
    InvalidAccount = 102,
    /// <summary>Instrument id outside 1..MaxInstruments.</summary>
    InvalidInstrument = 103,
    /// <summary>Venue id outside 1..MaxVenues (a new order's venue, or the venue a report came from).</summary>
    InvalidVenue = 104,
    /// <summary>Side is neither buy nor sell.</summary>
    InvalidSide = 105,
    /// <summary>Order quantity is not positive.</summary>
    InvalidQuantity = 106,
    /// <summary>The limit price is missing, or present where the type has none.</summary>
    InvalidPrice = 107,
    /// <summary>The stop price is missing, or present where the type has none.</summary>
    InvalidStopPrice = 108,
    /// <summary>Unknown order type.</summary>
    InvalidOrderType = 109,
    /// <summary>Unknown time in force, or one the order type does not allow.</summary>
    InvalidTimeInForce = 110,
    /// <summary>Good-till-date without an expire time.</summary>
    MissingExpireTime = 111,
    /// <summary>The command has no ClOrdID.</summary>
    MissingClOrdId = 112,
    /// <summary>The ClOrdID is already in use this session.</summary>
    DuplicateClOrdId = 113,
    /// <summary>
    /// The ClOrdID has the form the in-process client mints for another strategy, or the engine for its own
    /// requests (<see cref="Oms.Domain.IdToken.ForStrategy"/>): only its owner may use it.
    /// </summary>
    ForeignClOrdId = 114,

    /// <summary>No order has that ClOrdID.</summary>
    UnknownOrder = 201,
    /// <summary>The order belongs to another strategy.</summary>
    NotOwner = 202,
    /// <summary>A cancel or replace of this order is already in flight.</summary>
    RequestInFlight = 203,
    /// <summary>The order is no longer live (too late to cancel or replace).</summary>
    OrderNotLive = 204,
    /// <summary>The venue has not acknowledged the order yet.</summary>
    NotAcknowledged = 205,
    /// <summary>
    /// A cancel or replace names an instrument (a non-zero <see cref="OmsMessage.InstrumentId"/>) other than the
    /// order's: refused, nothing changes. Its quantity and prices were read at the scales of the instrument it names,
    /// so sent on they would reach the venue at the wrong ones.
    /// </summary>
    WrongInstrument = 206,
    /// <summary>
    /// A replace names an order type (a non-zero <see cref="OmsMessage.OrderType"/>) other than the order's: refused,
    /// nothing changes. A replace changes quantity and prices only; its prices were meant for the type it names, and
    /// the engine would check and send them for the order's.
    /// </summary>
    ReplaceChangesOrderType = 207,
    /// <summary>
    /// A replace names a time in force (a non-zero <see cref="OmsMessage.TimeInForce"/>) other than the order's:
    /// refused, nothing changes. The engine does not change an order's time in force, so sent on the replace would
    /// reach the venue under the order's own.
    /// </summary>
    ReplaceChangesTimeInForce = 208,

    /// <summary>The order table is full.</summary>
    OrderCapacity = 301,
    /// <summary>
    /// The ClOrdID index or chain store is full. New orders and replaces get it while one id is still free for
    /// each live order's cancel (the engine keeps those), so cancels and mass cancels go on working.
    /// </summary>
    IdCapacity = 302,
    /// <summary>The position table is full.</summary>
    PositionCapacity = 303,
    /// <summary>
    /// The fill store or ExecID index is full: the fill is applied. With the store full its ExecID is still
    /// indexed (a redelivery is a duplicate), but no bust or correction can name it; with the index full a
    /// redelivery cannot be recognised.
    /// </summary>
    FillCapacity = 304,
    /// <summary>The venue's outbound queue is full; the gateway is not keeping up.</summary>
    VenueBackPressure = 305,

    /// <summary>A report for an order the engine does not know.</summary>
    UnknownOrderReport = 401,
    /// <summary>The report's event is not valid in the order's state (see the transition table).</summary>
    InvalidTransition = 402,
    /// <summary>The ExecID was already applied; the report was counted and ignored.</summary>
    DuplicateExecId = 403,
    /// <summary>A report older than the order's state (for example PendingNew after New); ignored.</summary>
    StaleReport = 404,
    /// <summary>Cumulative fills exceed the order quantity; the fill was applied and flagged.</summary>
    Overfill = 405,
    /// <summary>A bust or correction names an ExecID the engine never applied to this order.</summary>
    UnknownExecRef = 406,
    /// <summary>A bust or correction names a fill that was already busted or corrected.</summary>
    ExecRefNotActive = 407,
    /// <summary>
    /// The report is missing a field its type needs (for example a fill with no quantity), or carries one no
    /// order could hold (a quantity that would overflow the order's CumQty or its position's totals; a fill or
    /// correction priced at zero or below, since orders are taken at positive prices only).
    /// </summary>
    MalformedReport = 408,
    /// <summary>A fill for an order the venue had rejected: applied and flagged.</summary>
    FillAfterReject = 409,
    /// <summary>A bust or correction left the order's cumulative quantity negative: refused.</summary>
    NegativeCumQty = 410,
    /// <summary>
    /// The report comes from a venue (its <see cref="OmsMessage.VenueId"/>) other than the one the order was sent
    /// to: refused, nothing changes. A report must name the venue whose session delivered it.
    /// </summary>
    VenueMismatch = 411,
    /// <summary>
    /// The venue gave the order an OrderID that another of its live orders holds (a venue fault). The report is
    /// applied and the order keeps the id, but a report naming only that OrderID still finds the first order.
    /// </summary>
    VenueOrderIdInUse = 412,
    /// <summary>
    /// The report names an instrument (a non-zero <see cref="OmsMessage.InstrumentId"/>) other than the order's:
    /// refused, nothing changes. Its quantities and prices were read at the scales of the instrument it names, so
    /// applied they would be booked at the wrong ones.
    /// </summary>
    InstrumentMismatch = 413,
    /// <summary>
    /// The report names a side (a non-zero <see cref="OmsMessage.Side"/>) that contradicts the order's: a buy for a
    /// sell or a sell for a buy (any two sells agree: a short sale reported as a plain sell is the same trade).
    /// Refused, nothing changes: such a report is about some other order, or garbled; booked, its fill would move the
    /// position the wrong way. A producer that names no side (0) is not checked.
    /// </summary>
    SideMismatch = 414,

    /// <summary>The venue rejected the order; its own code is in the event's VenueReason.</summary>
    VenueRejected = 501,
    /// <summary>The venue rejected a cancel request.</summary>
    VenueCancelRejected = 502,
    /// <summary>The venue rejected a cancel/replace request.</summary>
    VenueReplaceRejected = 503,
}
