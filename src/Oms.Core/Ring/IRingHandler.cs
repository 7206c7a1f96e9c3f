namespace Oms.Ring;

/// <summary>
/// What a ring consumer does with each message. Implement it on a struct and pass it by <c>ref</c> so the
/// drain loop is specialised for it: no interface call on the hot path.
/// </summary>
/// <typeparam name="T">The slot type.</typeparam>
public interface IRingHandler<T> where T : unmanaged
{
    /// <summary>Handles one message in place. The slot is valid only during this call.</summary>
    /// <param name="message">The slot, by reference.</param>
    /// <param name="sequence">The message's sequence number in the ring (0-based, never reused).</param>
    void OnMessage(ref T message, long sequence);
}
