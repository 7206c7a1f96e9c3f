namespace Oms.Fix;

/// <summary>
/// A message body <see cref="FixWriter"/> can frame: its type and its fields after the standard header.
/// Implemented by the ref structs <see cref="FixNewOrderSingle"/>, <see cref="FixOrderCancelRequest"/>,
/// <see cref="FixOrderCancelReplaceRequest"/>, <see cref="FixOrderStatusRequest"/>, <see cref="FixExecutionReport"/>
/// and <see cref="FixOrderCancelReject"/>; the writer is generic over it, so no call is virtual and nothing is boxed.
/// </summary>
public interface IFixMessageBody
{
    /// <summary>The message type (35).</summary>
    FixMsgType MsgType { get; }

    /// <summary>Appends the body fields.</summary>
    void WriteBody(ref FixFieldWriter writer);
}
