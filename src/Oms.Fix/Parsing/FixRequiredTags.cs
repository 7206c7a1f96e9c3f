namespace Oms.Fix;

/// <summary>
/// The fields each message type must carry to be understood, checked by the parser. FIX 4.4's required body
/// fields, with these choices: OrderQty (38) is required wherever an order quantity is (the OMS supports no
/// CashOrderQty or OrderPercent); a timestamp is required on every type the engine consumes, TransactTime (60)
/// or else the header's SendingTime (52); conditional fields of ExecutionReports are required by ExecType
/// (LastQty and LastPx on trades and corrections, ExecRefID on corrections and busts). CxlRejResponseTo (434) is
/// optional because the engine infers it from the request in flight. Price and StopPx by OrdType, and
/// ExpireTime by TimeInForce, are business rules: the engine checks them and answers the strategy.
/// </summary>
internal static class FixRequiredTags
{
    // Arrays, not ReadOnlySpan properties over constants: in Debug builds those allocate on every call,
    // which would fail the allocation test there.
    private static readonly int[] s_newOrderSingle =
        [FixTag.ClOrdId, FixTag.Symbol, FixTag.Side, FixTag.OrderQty, FixTag.OrdType];

    private static readonly int[] s_orderCancelRequest = [FixTag.ClOrdId, FixTag.OrigClOrdId, FixTag.Symbol, FixTag.Side];

    private static readonly int[] s_orderCancelReplaceRequest =
        [FixTag.ClOrdId, FixTag.OrigClOrdId, FixTag.Symbol, FixTag.Side, FixTag.OrderQty, FixTag.OrdType];

    private static readonly int[] s_executionReport =
    [
        FixTag.OrderId, FixTag.ExecId, FixTag.ExecType, FixTag.OrdStatus, FixTag.Symbol, FixTag.Side,
        FixTag.LeavesQty, FixTag.CumQty, FixTag.AvgPx,
    ];

    private static readonly int[] s_orderCancelReject = [FixTag.OrderId, FixTag.ClOrdId, FixTag.OrigClOrdId, FixTag.OrdStatus];

    private static readonly int[] s_orderStatusRequest = [FixTag.ClOrdId, FixTag.Symbol, FixTag.Side];

    /// <summary>The first required tag <paramref name="index"/> lacks, or 0.</summary>
    public static int FirstMissing(FixMsgType type, FixFieldIndex index, ReadOnlySpan<byte> text)
    {
        int[] required = type switch
        {
            FixMsgType.NewOrderSingle => s_newOrderSingle,
            FixMsgType.OrderCancelRequest => s_orderCancelRequest,
            FixMsgType.OrderCancelReplaceRequest => s_orderCancelReplaceRequest,
            FixMsgType.ExecutionReport => s_executionReport,
            FixMsgType.OrderCancelReject => s_orderCancelReject,
            FixMsgType.OrderStatusRequest => s_orderStatusRequest,
            _ => [],
        };
        foreach (int tag in required)
        {
            if (!index.Has(tag))
            {
                return tag;
            }
        }

        if (required.Length == 0)
        {
            return 0; // a session-level message: its header is all the codec reads
        }

        if (type != FixMsgType.OrderStatusRequest && !index.Has(FixTag.TransactTime) && !index.Has(FixTag.SendingTime))
        {
            return FixTag.TransactTime;
        }

        return type == FixMsgType.ExecutionReport ? FirstMissingByExecType(index, text) : 0;
    }

    private static int FirstMissingByExecType(FixFieldIndex index, ReadOnlySpan<byte> text)
    {
        index.TryGet(FixTag.ExecType, out int offset, out int length);
        byte execType = length == 1 ? text[offset] : (byte)0;
        if (execType is (byte)'F' or (byte)'G')
        {
            if (!index.Has(FixTag.LastQty))
            {
                return FixTag.LastQty;
            }

            if (!index.Has(FixTag.LastPx))
            {
                return FixTag.LastPx;
            }
        }

        return execType is (byte)'G' or (byte)'H' && !index.Has(FixTag.ExecRefId) ? FixTag.ExecRefId : 0;
    }
}
