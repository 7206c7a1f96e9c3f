namespace Oms.Fix;

/// <summary>The FIX message types this codec handles (tag 35). Values are the FIX characters.</summary>
public enum FixMsgType : byte
{
    /// <summary>Not parsed or not supported.</summary>
    None = 0,
    /// <summary>NewOrderSingle (35=D).</summary>
    NewOrderSingle = (byte)'D',
    /// <summary>OrderCancelRequest (35=F).</summary>
    OrderCancelRequest = (byte)'F',
    /// <summary>OrderCancelReplaceRequest (35=G).</summary>
    OrderCancelReplaceRequest = (byte)'G',
    /// <summary>ExecutionReport (35=8).</summary>
    ExecutionReport = (byte)'8',
    /// <summary>OrderCancelReject (35=9).</summary>
    OrderCancelReject = (byte)'9',
    /// <summary>OrderStatusRequest (35=H).</summary>
    OrderStatusRequest = (byte)'H',
}

/// <summary>How the fields of a line are separated.</summary>
/// <remarks>
/// Logs replace the SOH byte with a printable one. BodyLength and CheckSum are always those of the SOH
/// form: the parser counts and sums each separator as one 0x01 byte, and the writer computes them so.
/// </remarks>
public enum FixSeparator : byte
{
    /// <summary>The wire separator, the byte 0x01.</summary>
    Soh = 0,
    /// <summary>'|', as most log viewers print SOH.</summary>
    Pipe = 1,
    /// <summary>The two characters "^A", as terminals print SOH.</summary>
    Caret = 2,
}
