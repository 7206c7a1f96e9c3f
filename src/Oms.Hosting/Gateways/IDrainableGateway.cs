namespace Oms.Hosting;

/// <summary>
/// Optional for an <see cref="Oms.Gateway.IVenueGateway"/>: a gateway that holds work for later (reports
/// scheduled after a simulated latency, messages waiting on a socket) says so, and a graceful stop waits
/// until it has none before stopping the gateway.
/// </summary>
/// <remarks>
/// The host reads <see cref="HasPendingWork"/> on the gateway's own thread, right after each <c>DoWork</c>.
/// For a drainable gateway that flag alone decides whether the gateway is quiet: work it does that publishes
/// nothing (a simulated market's own activity) does not hold a stop back.
/// </remarks>
public interface IDrainableGateway
{
    /// <summary>True while the gateway holds something it has still to publish or send.</summary>
    bool HasPendingWork { get; }
}
