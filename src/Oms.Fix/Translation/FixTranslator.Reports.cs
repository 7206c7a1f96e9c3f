using Oms.Domain;
using Oms.Engine;
using static Oms.Fix.FixFieldReader;

namespace Oms.Fix;

public sealed partial class FixTranslator
{
    private FixError ExecutionReport(in FixMessage fix, ref OmsMessage m)
    {
        FixError e = default;
        InstrumentSpec? spec = KnownInstrument(in fix, ref e);
        if (spec is null)
        {
            return e;
        }

        int price = spec.PriceScale, qty = spec.QuantityScale;
        m.Kind = MessageKind.ExecutionReport;
        m.VenueId = _options.VenueId; // the session's venue: the engine finds OrderIDs, and checks the order, by it
        m.InstrumentId = spec.Id;     // the scales the values were read at: the engine refuses them for another's order
        m.ExecType = ReadExecType(in fix, ref e);
        m.OrdStatus = ReadOrdStatus(in fix, ref e);
        m.Side = ReadSide(in fix, ref e);
        // One reason byte: OrdRejReason when the venue sends it (rejects), else ExecRestatementReason (restatements).
        int reasonTag = fix.Has(FixTag.OrdRejReason) ? FixTag.OrdRejReason : FixTag.ExecRestatementReason;
        m.VenueReason = Reason(in fix, reasonTag, ref e);
        m.OrderQty = Decimal(in fix, FixTag.OrderQty, qty, signed: false, ref e);
        m.Price = Decimal(in fix, FixTag.Price, price, signed: true, ref e);
        m.LastQty = Decimal(in fix, FixTag.LastQty, qty, signed: false, ref e);
        m.LastPx = Decimal(in fix, FixTag.LastPx, price, signed: true, ref e);
        m.CumQty = Decimal(in fix, FixTag.CumQty, qty, signed: false, ref e);
        m.LeavesQty = Decimal(in fix, FixTag.LeavesQty, qty, signed: false, ref e);
        m.AvgPx = Decimal(in fix, FixTag.AvgPx, price, signed: true, ref e);
        m.Fee = Commission(in fix, spec, ref e);
        m.Timestamp = EventTime(in fix, ref e);
        if (e.IsNone)
        {
            m.ClOrdId = Id(in fix, FixTag.ClOrdId);
            m.OrigClOrdId = Id(in fix, FixTag.OrigClOrdId);
            m.VenueOrderId = Id(in fix, FixTag.OrderId);
            m.ExecId = Id(in fix, FixTag.ExecId);
            m.ExecRefId = Id(in fix, FixTag.ExecRefId);
        }

        return e;
    }

    private FixError CancelReject(in FixMessage fix, ref OmsMessage m)
    {
        FixError e = default;
        m.Kind = MessageKind.CancelReject;
        m.VenueId = _options.VenueId;
        m.OrdStatus = ReadOrdStatus(in fix, ref e);
        m.CxlRejResponseTo = ReadCxlRejResponseTo(in fix, ref e);
        m.VenueReason = Reason(in fix, FixTag.CxlRejReason, ref e);
        m.Timestamp = EventTime(in fix, ref e);
        if (e.IsNone)
        {
            m.ClOrdId = Id(in fix, FixTag.ClOrdId);
            m.OrigClOrdId = Id(in fix, FixTag.OrigClOrdId);
            m.VenueOrderId = Id(in fix, FixTag.OrderId);
        }

        return e;
    }

    /// <summary>
    /// The fill's fee at the notional scale. Only an absolute amount (CommType 3, or CommType absent) is read:
    /// per-unit and percentage commissions would need arithmetic the venue's rounding must define.
    /// </summary>
    private static long Commission(in FixMessage fix, InstrumentSpec spec, ref FixError error)
    {
        if (!fix.Has(FixTag.Commission))
        {
            return 0;
        }

        if (fix.TryGet(FixTag.CommType, out ReadOnlySpan<byte> type) && !type.SequenceEqual("3"u8))
        {
            return Fail(ref error, FixErrorCode.BadValue, FixTag.CommType);
        }

        return Decimal(in fix, FixTag.Commission, spec.NotionalScale, signed: true, ref error);
    }
}
