namespace Oms.Hosting;

/// <summary>Why a strategy command was not sent (see <see cref="OmsStrategy.LastRefusal"/>). Nothing was published when a command is refused.</summary>
public enum CommandRefusal : byte
{
    /// <summary>The last command was sent.</summary>
    None = 0,
    /// <summary>The engine's inbound ring was full (back-pressure): try again later.</summary>
    RingFull = 1,
    /// <summary>The host is stopping: new orders and replaces are refused; cancels and mass cancels are still sent.</summary>
    HostStopping = 2,
    /// <summary>The host has stopped accepting commands (the drain has begun), or the strategy is not running.</summary>
    NotAccepting = 3,
    /// <summary>
    /// No gateway of this host serves the order's venue: the new order would wait in a venue queue nobody reads.
    /// Cancels, replaces and mass cancels are not checked (they name orders that already have a venue).
    /// </summary>
    VenueNotServed = 4,
}

/// <summary>
/// The one gate every hosted strategy's commands pass: open, stopping (risk-reducing commands only), closed; and
/// new orders only to venues a gateway of the host serves.
/// </summary>
/// <remarks>Threading: the venues are set before any strategy thread starts; the state may change from any thread.</remarks>
internal sealed class StrategyGate
{
    private const int Open = 0;
    private const int Stopping = 1;
    private const int Closed = 2;
    private volatile int _state = Closed;
    private bool[] _served = [];

    public bool IsOpen => _state == Open;

    public void OpenGate() => _state = Open;

    public void BeginStopping() => _state = Stopping;

    public void Close() => _state = Closed;

    /// <summary>The venues the host's gateways serve (ids in 1..<paramref name="maxVenues"/>). Before the strategies start.</summary>
    public void ServeVenues(IEnumerable<int> venueIds, int maxVenues)
    {
        bool[] served = new bool[maxVenues + 1];
        foreach (int v in venueIds)
        {
            served[v] = true;
        }

        _served = served;
    }

    /// <summary>Whether a gateway of the host serves <paramref name="venueId"/>: a new order elsewhere would never be sent.</summary>
    public bool Serves(int venueId) => (uint)venueId < (uint)_served.Length && _served[venueId];

    /// <summary>Whether a command may pass: new orders and replaces only while open; cancels also while stopping.</summary>
    public CommandRefusal Check(bool reducesRisk) => _state switch
    {
        Open => CommandRefusal.None,
        Stopping => reducesRisk ? CommandRefusal.None : CommandRefusal.HostStopping,
        _ => CommandRefusal.NotAccepting,
    };
}
