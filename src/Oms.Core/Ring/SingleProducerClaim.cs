using System.Runtime.CompilerServices;

namespace Oms.Ring;

/// <summary>
/// The producer's claim on a single-producer, single-consumer queue (<see cref="SpscQueue{T}"/>, the engine's
/// event streams): the next position is free when it is less than a lap ahead of the consumer's head. The
/// producer reads the head, written on the consumer's core, only when its cached copy says the queue is full.
/// </summary>
internal static class SingleProducerClaim
{
    /// <summary>
    /// Claims <paramref name="tail"/>'s position (returned in <paramref name="at"/>; the caller advances the tail
    /// when it publishes); false when the queue is full. Producer thread only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryClaim(ref PaddedSequence tail, ref PaddedSequence headCache, ref PaddedSequence head, int capacity, out long at)
    {
        at = tail.Value;
        if (at - headCache.Value >= capacity)
        {
            headCache.Value = Volatile.Read(ref head.Value);
            if (at - headCache.Value >= capacity)
            {
                return false;
            }
        }

        return true;
    }
}
