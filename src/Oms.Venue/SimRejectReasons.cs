namespace Oms.Venue;

/// <summary>
/// Why the simulated venue rejected a new order: the value it puts in the report's
/// <see cref="Engine.OmsMessage.VenueReason"/> (FIX OrdRejReason, tag 103; values from 100 are the
/// venue's own, as FIX allows).
/// </summary>
public enum SimOrderRejectReason : byte
{
    /// <summary>103=1: the instrument is not one the venue lists.</summary>
    UnknownSymbol = 1,
    /// <summary>103=4: a GTD order whose expire time has already passed.</summary>
    TooLateToEnter = 4,
    /// <summary>103=6: the ClOrdID names an order already live at the venue.</summary>
    DuplicateOrder = 6,
    /// <summary>103=11: an order type, side or time in force the venue does not support (stop orders, at-the-open, at-the-close, good-till-crossing).</summary>
    UnsupportedOrderCharacteristic = 11,
    /// <summary>103=13: the quantity is not positive or not a multiple of the instrument's lot.</summary>
    IncorrectQuantity = 13,
    /// <summary>103=18: a limit price that is not positive or not on the instrument's tick grid.</summary>
    InvalidPrice = 18,
    /// <summary>103=99: rejected by fault injection (<see cref="SimVenueOptions.RejectProbability"/>).</summary>
    Other = 99,
    /// <summary>The venue's order records are all in use (<see cref="SimVenueOptions.MaxOrders"/>).</summary>
    VenueFull = 100,
    /// <summary>The command carries no ClOrdID.</summary>
    MissingClOrdId = 101,
}

/// <summary>
/// Why the simulated venue rejected a cancel or a cancel/replace: the value it puts in the cancel reject's
/// <see cref="Engine.OmsMessage.VenueReason"/> (FIX CxlRejReason, tag 102; values from 100 are the venue's own).
/// </summary>
public enum SimCancelRejectReason : byte
{
    /// <summary>102=0: the order was live at the venue once (the request names a venue OrderID it issued) but is filled, canceled or expired now.</summary>
    TooLateToCancel = 0,
    /// <summary>102=1: the venue never knew the order.</summary>
    UnknownOrder = 1,
    /// <summary>102=6: the replace's new ClOrdID names an order already live at the venue.</summary>
    DuplicateClOrdId = 6,
    /// <summary>The replace's quantity is not positive or not a multiple of the lot.</summary>
    InvalidQuantity = 100,
    /// <summary>The replace's limit price is not positive or not on the tick grid.</summary>
    InvalidPrice = 101,
    /// <summary>The replace's quantity is not above what has already filled.</summary>
    QuantityNotAboveFilled = 102,
    /// <summary>The request carries no ClOrdID.</summary>
    MissingClOrdId = 103,
}
