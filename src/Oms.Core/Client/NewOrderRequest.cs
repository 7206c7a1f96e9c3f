using Oms.Domain;

namespace Oms.Client;

/// <summary>A strategy's new order, passed by <c>in</c>: no allocation per order.</summary>
/// <param name="AccountId">Interned account.</param>
/// <param name="InstrumentId">Interned instrument.</param>
/// <param name="VenueId">Interned venue.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="OrderType">Market, limit, stop or stop-limit.</param>
/// <param name="TimeInForce">Day, GTC, IOC, FOK or GTD.</param>
/// <param name="Quantity">Raw quantity at the instrument's quantity scale.</param>
/// <param name="Price">Raw limit price (0 for market and stop).</param>
/// <param name="StopPx">Raw stop price (stop and stop-limit only).</param>
/// <param name="ExpireTime">GTD expiry, nanoseconds since the Unix epoch.</param>
public readonly record struct NewOrderRequest(
    int AccountId,
    int InstrumentId,
    int VenueId,
    Side Side,
    OrderType OrderType,
    TimeInForce TimeInForce,
    long Quantity,
    long Price,
    long StopPx = 0,
    long ExpireTime = 0);
