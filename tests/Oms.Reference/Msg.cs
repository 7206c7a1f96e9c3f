using Oms.Domain;
using Oms.Engine;

namespace Oms.Reference;

/// <summary>Builders for inbound messages, in the words of the FIX messages they stand for.</summary>
public static class Msg
{
    public static IdToken Id(string s) => IdToken.FromString(s);

    public static OmsMessage New(string clOrdId, Side side = Side.Buy, long qty = 100, long price = 10_000,
        int strategy = 1, int account = 1, int instrument = 1, int venue = 1,
        OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.Day, long stopPx = 0, long expire = 0, long ts = 0) => new()
    {
        Kind = MessageKind.NewOrder,
        ClOrdId = Id(clOrdId),
        Side = side,
        OrderQty = qty,
        Price = price,
        StopPx = stopPx,
        StrategyId = strategy,
        AccountId = account,
        InstrumentId = instrument,
        VenueId = venue,
        OrderType = type,
        TimeInForce = tif,
        ExpireTime = expire,
        Timestamp = ts,
    };

    public static OmsMessage Cancel(string clOrdId, string origClOrdId, int strategy = 1, long ts = 0) => new()
    {
        Kind = MessageKind.Cancel,
        ClOrdId = Id(clOrdId),
        OrigClOrdId = Id(origClOrdId),
        StrategyId = strategy,
        Timestamp = ts,
    };

    public static OmsMessage Replace(string clOrdId, string origClOrdId, long qty, long price, int strategy = 1, long stopPx = 0, long ts = 0) => new()
    {
        Kind = MessageKind.Replace,
        ClOrdId = Id(clOrdId),
        OrigClOrdId = Id(origClOrdId),
        OrderQty = qty,
        Price = price,
        StopPx = stopPx,
        StrategyId = strategy,
        Timestamp = ts,
    };

    public static OmsMessage MassCancel(int strategy, int account = 0, int instrument = 0, int venue = 0, string clOrdId = "mass") => new()
    {
        Kind = MessageKind.MassCancel,
        ClOrdId = Id(clOrdId),
        StrategyId = strategy,
        AccountId = account,
        InstrumentId = instrument,
        VenueId = venue,
    };

    /// <summary>An execution report from venue <paramref name="venue"/> (the venue whose session delivered it); pass execId explicitly.</summary>
    public static OmsMessage Report(ExecType execType, string clOrdId, string execId, string? origClOrdId = null,
        string? venueOrderId = null, long lastQty = 0, long lastPx = 0, long qty = 0, long price = 0,
        string? execRefId = null, OrderStatus ordStatus = OrderStatus.None, long fee = 0, long ts = 0, int venue = 1) => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = venue,
        ExecType = execType,
        ClOrdId = Id(clOrdId),
        OrigClOrdId = origClOrdId is null ? IdToken.None : Id(origClOrdId),
        VenueOrderId = venueOrderId is null ? IdToken.None : Id(venueOrderId),
        ExecId = Id(execId),
        ExecRefId = execRefId is null ? IdToken.None : Id(execRefId),
        LastQty = lastQty,
        LastPx = lastPx,
        OrderQty = qty,
        Price = price,
        OrdStatus = ordStatus,
        Fee = fee,
        Timestamp = ts,
    };

    public static OmsMessage Fill(string clOrdId, string execId, long qty, long px, long fee = 0, int venue = 1) =>
        Report(ExecType.Trade, clOrdId, execId, lastQty: qty, lastPx: px, fee: fee, venue: venue);

    public static OmsMessage CancelReject(string clOrdId, string origClOrdId, CxlRejResponseTo to, int venue = 1) => new()
    {
        Kind = MessageKind.CancelReject,
        VenueId = venue,
        ClOrdId = Id(clOrdId),
        OrigClOrdId = Id(origClOrdId),
        CxlRejResponseTo = to,
    };
}
