namespace Oms.Gateway;

/// <summary>
/// A venue gateway: the one consumer of a venue's outbound command queue
/// (<see cref="Engine.OmsEngine.VenueQueue"/>) and a producer of that venue's reports into the engine's
/// inbound ring (<see cref="Engine.OmsEngine.Inbound"/>). A FIX session, a simulated venue and a loopback
/// test venue all sit behind this one interface; the engine never knows which.
/// </summary>
/// <remarks>
/// Threading: the host calls <see cref="DoWork"/> from one thread of its own (never the engine thread),
/// in a loop, and chooses the idle strategy from its return value. A gateway reads no clock: the host
/// passes the time in, so a gateway driven by a manual clock is reproducible.
/// </remarks>
public interface IVenueGateway
{
    /// <summary>The interned venue id whose outbound queue this gateway drains.</summary>
    int VenueId { get; }

    /// <summary>
    /// One duty cycle: read the queued commands, act on them, publish every report that is due at
    /// <paramref name="nowNanos"/>. Returns the work done (0 when idle).
    /// </summary>
    /// <param name="nowNanos">The host's clock, in nanoseconds (any fixed origin, monotonic).</param>
    int DoWork(long nowNanos);
}
