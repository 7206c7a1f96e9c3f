using Oms.Domain;

namespace Oms.Fix;

/// <summary>
/// An ExecutionReport (35=8) to write. OrderID "NONE" when empty (FIX's convention for no venue order);
/// OrigClOrdID, ExecRefID, Account, Text when not empty; OrdType unless zero; Price and Commission when non-zero;
/// LastQty and LastPx on trades, corrections and busts, or when non-zero; the reason codes when set.
/// </summary>
public ref struct FixExecutionReport : IFixMessageBody
{
    /// <summary>OrderID (37), the venue's.</summary>
    public ReadOnlySpan<byte> OrderId;
    /// <summary>ClOrdID (11).</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>OrigClOrdID (41), optional.</summary>
    public ReadOnlySpan<byte> OrigClOrdId;
    /// <summary>ExecID (17), required.</summary>
    public ReadOnlySpan<byte> ExecId;
    /// <summary>ExecRefID (19), optional.</summary>
    public ReadOnlySpan<byte> ExecRefId;
    /// <summary>Account (1), optional.</summary>
    public ReadOnlySpan<byte> Account;
    /// <summary>Symbol (55), required.</summary>
    public ReadOnlySpan<byte> Symbol;
    /// <summary>Text (58), optional.</summary>
    public ReadOnlySpan<byte> Text;
    /// <summary>ExecType (150).</summary>
    public ExecType ExecType;
    /// <summary>OrdStatus (39).</summary>
    public OrderStatus OrdStatus;
    /// <summary>Side (54).</summary>
    public Side Side;
    /// <summary>OrdType (40); zero omits it.</summary>
    public OrderType OrderType;
    /// <summary>OrderQty (38), raw.</summary>
    public long OrderQty;
    /// <summary>Price (44), raw; 0 omits it.</summary>
    public long Price;
    /// <summary>LastQty (32), raw.</summary>
    public long LastQty;
    /// <summary>LastPx (31), raw.</summary>
    public long LastPx;
    /// <summary>LeavesQty (151), raw.</summary>
    public long LeavesQty;
    /// <summary>CumQty (14), raw.</summary>
    public long CumQty;
    /// <summary>AvgPx (6), raw.</summary>
    public long AvgPx;
    /// <summary>Commission (12), raw at the notional scale (price + quantity scale), an absolute amount; 0 omits it.</summary>
    public long Commission;
    /// <summary>The instrument's price scale.</summary>
    public int PriceScale;
    /// <summary>The instrument's quantity scale.</summary>
    public int QuantityScale;
    /// <summary>TransactTime (60), ns since the Unix epoch.</summary>
    public long TransactTime;
    /// <summary>OrdRejReason (103), optional.</summary>
    public byte? OrdRejReason;
    /// <summary>ExecRestatementReason (378), optional.</summary>
    public byte? ExecRestatementReason;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.ExecutionReport;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.OrderId, OrderId.IsEmpty ? "NONE"u8 : OrderId);
        writer.AddIfNotEmpty(FixTag.ClOrdId, ClOrdId);
        writer.AddIfNotEmpty(FixTag.OrigClOrdId, OrigClOrdId);
        writer.Add(FixTag.ExecId, ExecId);
        writer.AddIfNotEmpty(FixTag.ExecRefId, ExecRefId);
        writer.AddChar(FixTag.ExecType, (byte)ExecType);
        writer.AddChar(FixTag.OrdStatus, (byte)OrdStatus);
        writer.AddIfNotEmpty(FixTag.Account, Account);
        writer.Add(FixTag.Symbol, Symbol);
        writer.AddChar(FixTag.Side, (byte)Side);
        WriteQuantitiesAndPrices(ref writer);
        writer.AddTimestamp(FixTag.TransactTime, TransactTime);
        WriteOptionalReason(ref writer, FixTag.OrdRejReason, OrdRejReason);
        WriteOptionalReason(ref writer, FixTag.ExecRestatementReason, ExecRestatementReason);
        writer.AddIfNotEmpty(FixTag.Text, Text);
    }

    internal static void WriteOptionalReason(ref FixFieldWriter writer, int tag, byte? reason)
    {
        if (reason is byte r)
        {
            writer.AddInt(tag, r);
        }
    }

    private readonly void WriteQuantitiesAndPrices(ref FixFieldWriter writer)
    {
        if (OrderType != 0)
        {
            writer.AddChar(FixTag.OrdType, (byte)OrderType);
        }

        writer.AddDecimal(FixTag.OrderQty, OrderQty, QuantityScale);
        if (Price != 0)
        {
            writer.AddDecimal(FixTag.Price, Price, PriceScale);
        }

        bool tradeLike = ExecType is ExecType.Trade or ExecType.TradeCorrect or ExecType.TradeCancel;
        if (tradeLike || LastQty != 0 || LastPx != 0)
        {
            writer.AddDecimal(FixTag.LastQty, LastQty, QuantityScale);
            writer.AddDecimal(FixTag.LastPx, LastPx, PriceScale);
        }

        writer.AddDecimal(FixTag.LeavesQty, LeavesQty, QuantityScale);
        writer.AddDecimal(FixTag.CumQty, CumQty, QuantityScale);
        writer.AddDecimal(FixTag.AvgPx, AvgPx, PriceScale);
        if (Commission != 0)
        {
            writer.AddDecimal(FixTag.Commission, Commission, PriceScale + QuantityScale);
            writer.AddChar(FixTag.CommType, (byte)'3');
        }
    }
}

/// <summary>An OrderCancelReject (35=9) to write. OrderID "NONE" when empty; TransactTime when non-zero; Text when not empty.</summary>
public ref struct FixOrderCancelReject : IFixMessageBody
{
    /// <summary>OrderID (37), the venue's.</summary>
    public ReadOnlySpan<byte> OrderId;
    /// <summary>ClOrdID (11) of the rejected request, required.</summary>
    public ReadOnlySpan<byte> ClOrdId;
    /// <summary>OrigClOrdID (41), required.</summary>
    public ReadOnlySpan<byte> OrigClOrdId;
    /// <summary>Text (58), optional.</summary>
    public ReadOnlySpan<byte> Text;
    /// <summary>OrdStatus (39) of the order after the reject.</summary>
    public OrderStatus OrdStatus;
    /// <summary>CxlRejResponseTo (434); zero omits it.</summary>
    public CxlRejResponseTo CxlRejResponseTo;
    /// <summary>CxlRejReason (102), optional.</summary>
    public byte? CxlRejReason;
    /// <summary>TransactTime (60), ns since the Unix epoch; 0 omits it.</summary>
    public long TransactTime;

    /// <inheritdoc/>
    public readonly FixMsgType MsgType => FixMsgType.OrderCancelReject;

    /// <inheritdoc/>
    public readonly void WriteBody(ref FixFieldWriter writer)
    {
        writer.Add(FixTag.OrderId, OrderId.IsEmpty ? "NONE"u8 : OrderId);
        writer.Add(FixTag.ClOrdId, ClOrdId);
        writer.Add(FixTag.OrigClOrdId, OrigClOrdId);
        writer.AddChar(FixTag.OrdStatus, (byte)OrdStatus);
        if (CxlRejResponseTo != 0)
        {
            writer.AddChar(FixTag.CxlRejResponseTo, (byte)CxlRejResponseTo);
        }

        FixExecutionReport.WriteOptionalReason(ref writer, FixTag.CxlRejReason, CxlRejReason);
        if (TransactTime != 0)
        {
            writer.AddTimestamp(FixTag.TransactTime, TransactTime);
        }

        writer.AddIfNotEmpty(FixTag.Text, Text);
    }
}
