using Oms.Domain;

namespace Oms.Fix;

/// <summary>
/// Typed reads of optional fields for the translator. Each read returns the field's value, or the default when
/// it is absent (the parser has already required what the message type needs); an invalid value returns the
/// default and records the first error in <c>error</c>, so a translation reads on and reports one error.
/// </summary>
internal static class FixFieldReader
{
    /// <summary>A decimal at <paramref name="scale"/>; negative values only when <paramref name="signed"/>.</summary>
    public static long Decimal(in FixMessage fix, int tag, int scale, bool signed, ref FixError error)
    {
        if (!fix.TryGet(tag, out ReadOnlySpan<byte> text))
        {
            return 0;
        }

        FixErrorCode code = FixDecimal.TryParse(text, scale, out long raw);
        if (code == FixErrorCode.None && (signed || raw >= 0))
        {
            return raw;
        }

        return Fail(ref error, code == FixErrorCode.None ? FixErrorCode.BadValue : code, tag);
    }

    /// <summary>A UTC timestamp in nanoseconds; 0 when absent.</summary>
    public static long Timestamp(in FixMessage fix, int tag, ref FixError error)
    {
        if (!fix.TryGet(tag, out ReadOnlySpan<byte> text))
        {
            return 0;
        }

        return FixTimestamp.TryParse(text, out long nanos) ? nanos : Fail(ref error, FixErrorCode.BadValue, tag);
    }

    /// <summary>The event time: TransactTime (60), else SendingTime (52).</summary>
    public static long EventTime(in FixMessage fix, ref FixError error) =>
        Timestamp(in fix, fix.Has(FixTag.TransactTime) ? FixTag.TransactTime : FixTag.SendingTime, ref error);

    /// <summary>A reason code (102, 103, 378) that fits the engine's byte; 0 when absent.</summary>
    public static byte Reason(in FixMessage fix, int tag, ref FixError error)
    {
        if (!fix.TryGet(tag, out ReadOnlySpan<byte> text))
        {
            return 0;
        }

        return AsciiDigits.TryParseUnsigned(text, out long v) && v <= byte.MaxValue
            ? (byte)v
            : (byte)Fail(ref error, FixErrorCode.BadValue, tag);
    }

    /// <summary>Side (54): 1 buy, 2 sell, 5 sell short, 6 sell short exempt.</summary>
    public static Side ReadSide(in FixMessage fix, ref FixError error) =>
        (Side)Char(in fix, FixTag.Side, "1256"u8, ref error);

    /// <summary>OrdType (40): 1 to 4.</summary>
    public static OrderType ReadOrderType(in FixMessage fix, ref FixError error) =>
        (OrderType)Char(in fix, FixTag.OrdType, "1234"u8, ref error);

    /// <summary>TimeInForce (59): 0 to 7; Day when absent, as FIX defaults it.</summary>
    public static TimeInForce ReadTimeInForce(in FixMessage fix, ref FixError error) => fix.Has(FixTag.TimeInForce)
        ? (TimeInForce)Char(in fix, FixTag.TimeInForce, "01234567"u8, ref error)
        : TimeInForce.Day;

    /// <summary>ExecType (150): the FIX 4.4 values (4.2's 1 and 2 are gone).</summary>
    public static ExecType ReadExecType(in FixMessage fix, ref FixError error) =>
        (ExecType)Char(in fix, FixTag.ExecType, "03456789ABCDEFGHI"u8, ref error);

    /// <summary>
    /// OrdStatus (39): every FIX 4.4 value (the venue's view; informational to the engine).
    /// </summary>
    public static OrderStatus ReadOrdStatus(in FixMessage fix, ref FixError error) =>
        (OrderStatus)Char(in fix, FixTag.OrdStatus, "0123456789ABCDE"u8, ref error);

    /// <summary>CxlRejResponseTo (434): 1 or 2; none when absent.</summary>
    public static CxlRejResponseTo ReadCxlRejResponseTo(in FixMessage fix, ref FixError error) =>
        (CxlRejResponseTo)Char(in fix, FixTag.CxlRejResponseTo, "12"u8, ref error);

    /// <summary>Records <paramref name="code"/> unless an earlier error is recorded; returns 0 for the caller's value.</summary>
    public static long Fail(ref FixError error, FixErrorCode code, int tag)
    {
        if (error.IsNone)
        {
            error = new FixError(code, tag);
        }

        return 0;
    }

    private static byte Char(in FixMessage fix, int tag, ReadOnlySpan<byte> allowed, ref FixError error)
    {
        if (!fix.TryGet(tag, out ReadOnlySpan<byte> text))
        {
            return 0;
        }

        return text.Length == 1 && allowed.Contains(text[0]) ? text[0] : (byte)Fail(ref error, FixErrorCode.BadValue, tag);
    }
}
