using Oms.Domain;

namespace Oms.Venue;

/// <summary>A copy of one order resting in a simulated venue's book at the moment it was read.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="Side">Side as sent.</param>
/// <param name="Price">Limit price, raw.</param>
/// <param name="LeavesQty">Quantity still open, raw.</param>
/// <param name="OrderQty">Order quantity, raw.</param>
/// <param name="CumQty">Quantity filled (net of busts), raw.</param>
/// <param name="TimeInForce">Time in force.</param>
/// <param name="ClOrdId">The OMS's current ClOrdID (none for a background order).</param>
/// <param name="VenueOrderId">The venue's OrderID (none for a background order).</param>
/// <param name="IsBackground">True for a background participant's order.</param>
public readonly record struct SimRestingOrder(
    int InstrumentId,
    Side Side,
    long Price,
    long LeavesQty,
    long OrderQty,
    long CumQty,
    TimeInForce TimeInForce,
    IdToken ClOrdId,
    IdToken VenueOrderId,
    bool IsBackground);
