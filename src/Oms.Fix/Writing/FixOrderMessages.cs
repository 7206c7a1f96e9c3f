using Oms.Domain;

namespace Oms.Fix;

/// <summary>
/// A NewOrderSingle (35=D) to write. Price is written for limit and stop-limit orders (or when non-zero), StopPx
/// for stop and stop-limit orders (or when non-zero), ExpireTime when non-zero, Account when not empty,
/// TimeInForce unless zero (absent means Day).
/// </summary>
public ref struct FixNewOrderSingle : IFixMessageBody
{
    /// <summary>ClOrdID (11), required.</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>Account (1), optional.</summary>
    public ReadOnlySpan<byte> Account;
    /// <summary>Symbol (55), required.</summary>
    public ReadOnlySpan<byte> Symbol;
    /// <summary>Side (54).</summary>
    public Side Side;
    /// <summary>OrdType (40).</summary>
    public OrderType OrderType;
    /// <summary>TimeInForce (59); zero omits it.</summary>
    public TimeInForce TimeInForce;
    /// <summary>OrderQty (38), raw at <see cref="QuantityScale"/>.</summary>
    public long OrderQty;
    /// <summary>Price (44), raw at <see cref="PriceScale"/>.</summary>
    public long Price;
    /// <summary>StopPx (99), raw at <see cref="PriceScale"/>.</summary>
    public long StopPx;
    /// <summary>The instrument's price scale.</summary>
    public int PriceScale;
    /// <summary>The instrument's quantity scale.</summary>
    public int QuantityScale;
    /// <summary>ExpireTime (126), ns since the Unix epoch; 0 omits it.</summary>
    public long ExpireTime;
    /// <summary>TransactTime (60), ns since the Unix epoch.</summary>
    public long TransactTime;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.NewOrderSingle;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.ClOrdId, ClOrdId);
        writer.AddIfNotEmpty(FixTag.Account, Account);
        FixBodyParts.WriteOrder(ref writer, Symbol, Side, OrderType, TimeInForce, OrderQty, Price, StopPx,
            PriceScale, QuantityScale, ExpireTime);
        writer.AddTimestamp(FixTag.TransactTime, TransactTime);
    }
}

/// <summary>An OrderCancelRequest (35=F) to write. OrderID and Account when not empty; OrderQty when non-zero.</summary>
public ref struct FixOrderCancelRequest : IFixMessageBody
{
    /// <summary>ClOrdID (11) of this request, required.</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>OrigClOrdID (41): the order to cancel, required.</summary>
    public ReadOnlySpan<byte> OrigClOrdId;
    /// <summary>OrderID (37), the venue's, optional.</summary>
    public ReadOnlySpan<byte> OrderId;
    /// <summary>Account (1), optional.</summary>
    public ReadOnlySpan<byte> Account;
    /// <summary>Symbol (55), required.</summary>
    public ReadOnlySpan<byte> Symbol;
    /// <summary>Side (54).</summary>
    public Side Side;
    /// <summary>OrderQty (38), raw at <see cref="QuantityScale"/>; 0 omits it.</summary>
    public long OrderQty;
    /// <summary>The instrument's quantity scale.</summary>
    public int QuantityScale;
    /// <summary>TransactTime (60), ns since the Unix epoch.</summary>
    public long TransactTime;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.OrderCancelRequest;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.ClOrdId, ClOrdId);
        writer.Add(FixTag.OrigClOrdId, OrigClOrdId);
        writer.AddIfNotEmpty(FixTag.OrderId, OrderId);
        writer.AddIfNotEmpty(FixTag.Account, Account);
        writer.Add(FixTag.Symbol, Symbol);
        writer.AddChar(FixTag.Side, (byte)Side);
        if (OrderQty != 0)
        {
            writer.AddDecimal(FixTag.OrderQty, OrderQty, QuantityScale);
        }

        writer.AddTimestamp(FixTag.TransactTime, TransactTime);
    }
}

/// <summary>An OrderCancelReplaceRequest (35=G) to write; the optional fields as for <see cref="FixNewOrderSingle"/>.</summary>
public ref struct FixOrderCancelReplaceRequest : IFixMessageBody
{
    /// <summary>ClOrdID (11) of this request, required.</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>OrigClOrdID (41): the order to replace, required.</summary>
    public ReadOnlySpan<byte> OrigClOrdId;
    /// <summary>OrderID (37), the venue's, optional.</summary>
    public ReadOnlySpan<byte> OrderId;
    /// <summary>Account (1), optional.</summary>
    public ReadOnlySpan<byte> Account;
    /// <summary>Symbol (55), required.</summary>
    public ReadOnlySpan<byte> Symbol;
    /// <summary>Side (54).</summary>
    public Side Side;
    /// <summary>OrdType (40).</summary>
    public OrderType OrderType;
    /// <summary>TimeInForce (59); zero omits it.</summary>
    public TimeInForce TimeInForce;
    /// <summary>The new OrderQty (38), raw.</summary>
    public long OrderQty;
    /// <summary>The new Price (44), raw.</summary>
    public long Price;
    /// <summary>The new StopPx (99), raw.</summary>
    public long StopPx;
    /// <summary>The instrument's price scale.</summary>
    public int PriceScale;
    /// <summary>The instrument's quantity scale.</summary>
    public int QuantityScale;
    /// <summary>ExpireTime (126), ns since the Unix epoch; 0 omits it.</summary>
    public long ExpireTime;
    /// <summary>TransactTime (60), ns since the Unix epoch.</summary>
    public long TransactTime;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.OrderCancelReplaceRequest;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.ClOrdId, ClOrdId);
        writer.Add(FixTag.OrigClOrdId, OrigClOrdId);
        writer.AddIfNotEmpty(FixTag.OrderId, OrderId);
        writer.AddIfNotEmpty(FixTag.Account, Account);
        FixBodyParts.WriteOrder(ref writer, Symbol, Side, OrderType, TimeInForce, OrderQty, Price, StopPx,
            PriceScale, QuantityScale, ExpireTime);
        writer.AddTimestamp(FixTag.TransactTime, TransactTime);
    }
}

/// <summary>An OrderStatusRequest (35=H) to write. OrderID when not empty.</summary>
public ref struct FixOrderStatusRequest : IFixMessageBody
{
    /// <summary>ClOrdID (11), required.</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>OrderID (37), the venue's, optional.</summary>
    public ReadOnlySpan<byte> OrderId;
    /// <summary>Symbol (55), required.</summary>
    public ReadOnlySpan<byte> Symbol;
    /// <summary>Side (54).</summary>
    public Side Side;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.OrderStatusRequest;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.ClOrdId, ClOrdId);
        writer.AddIfNotEmpty(FixTag.OrderId, OrderId);
        writer.Add(FixTag.Symbol, Symbol);
        writer.AddChar(FixTag.Side, (byte)Side);
    }
}

/// <summary>Field groups several bodies share.</summary>
internal static class FixBodyParts
{
    public static void WriteOrder(ref FixFieldWriter writer, ReadOnlySpan<byte> symbol, Side side, OrderType type,
        TimeInForce tif, long qty, long price, long stopPx, int priceScale, int qtyScale, long expireTime)
    {
        writer.Add(FixTag.Symbol, symbol);
        writer.AddChar(FixTag.Side, (byte)side);
        writer.AddDecimal(FixTag.OrderQty, qty, qtyScale);
        writer.AddChar(FixTag.OrdType, (byte)type);
        if (price != 0 || type is OrderType.Limit or OrderType.StopLimit)
        {
            writer.AddDecimal(FixTag.Price, price, priceScale);
        }

        if (stopPx != 0 || type is OrderType.Stop or OrderType.StopLimit)
        {
            writer.AddDecimal(FixTag.StopPx, stopPx, priceScale);
        }

        if (tif != 0)
        {
            writer.AddChar(FixTag.TimeInForce, (byte)tif);
        }

        if (expireTime != 0)
        {
            writer.AddTimestamp(FixTag.ExpireTime, expireTime);
        }
    }
}
