namespace Oms.Fix;

/// <summary>
/// The FIX message types this codec parses (tag 35). Values are the FIX characters. The application types carry
/// orders and reports; the session-level types (<see cref="FixMessage.IsSessionMessage"/>) are parsed so logs that
/// hold them can be read, but only their standard header is checked and they never become engine messages.
/// </summary>
public enum FixMsgType : byte
{
    /// <summary>Not parsed or not supported.</summary>
    None = 0,
    /// <summary>Heartbeat (35=0), session level.</summary>
    Heartbeat = (byte)'0',
    /// <summary>TestRequest (35=1), session level.</summary>
    TestRequest = (byte)'1',
    /// <summary>ResendRequest (35=2), session level.</summary>
    ResendRequest = (byte)'2',
    /// <summary>Reject (35=3), session level: a message refused by the session layer.</summary>
    Reject = (byte)'3',
    /// <summary>SequenceReset (35=4), session level.</summary>
    SequenceReset = (byte)'4',
    /// <summary>Logout (35=5), session level.</summary>
    Logout = (byte)'5',
    /// <summary>Logon (35=A), session level.</summary>
    Logon = (byte)'A',
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
