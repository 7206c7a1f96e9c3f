using Oms.Domain;
using Oms.Tables;

namespace Oms.Engine;

/// <summary>A copy of one order row at the moment it was read.</summary>
public readonly record struct OrderView(
    OrderId OrderId,
    IdToken ClOrdId,
    IdToken OrigClOrdId,
    IdToken VenueOrderId,
    int StrategyId,
    int AccountId,
    int InstrumentId,
    int VenueId,
    Side Side,
    OrderType OrderType,
    TimeInForce TimeInForce,
    OrderStatus Status,
    long OrderQty,
    long Price,
    long StopPx,
    long CumQty,
    long LeavesQty,
    long AvgPx,
    Int128 Notional,
    bool Overfilled,
    int ChainLength,
    IdToken PendingClOrdId);

/// <summary>A copy of one position row at the moment it was read.</summary>
/// <remarks>
/// <see cref="Incomplete"/>: a fill of the row could not be recorded (the fill store was full, counted as
/// <see cref="RejectReason.FillCapacity"/>). Its quantities are still exact, but a bust or correction is then
/// booked as an opposite trade instead of a replay of the row's fills, so its cost, average cost and realized PnL
/// can differ from what a replay would give.
/// </remarks>
public readonly record struct PositionView(
    PositionOwner Owner,
    int OwnerId,
    int InstrumentId,
    long NetQty,
    long AvgCost,
    Int128 Cost,
    Int128 RealizedPnl,
    Int128 Fees,
    long BoughtQty,
    long SoldQty,
    bool Incomplete);
