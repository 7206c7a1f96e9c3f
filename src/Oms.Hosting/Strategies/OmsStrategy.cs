using Oms.Client;
using Oms.Domain;

namespace Oms.Hosting;

/// <summary>
/// Base class of a strategy co-hosted with the engine. The host gives each strategy its own client, event
/// stream and dedicated thread (<c>oms-strategy-{id}</c>); register one with
/// <see cref="OmsServiceCollectionExtensions.AddOmsStrategy{TStrategy}(Microsoft.Extensions.DependencyInjection.IServiceCollection, int)"/>.
/// </summary>
/// <remarks>
/// <para>Threading: every callback runs on the strategy's own thread, one at a time, and the events arrive in
/// exactly the order the engine produced them for this strategy. Commands, <see cref="OpenOrders"/> and
/// <see cref="TryGetPosition"/> belong to that thread too: call them from callbacks.</para>
/// <para>The engine never waits for a strategy. A strategy that falls more than <c>Oms:StrategyEventCapacity</c>
/// events behind loses the overflow (counted by the engine as dropped events; <see cref="MissedEvents"/> shows the
/// gap when the next event arrives, or for events lost at the end of the stream, by <see cref="OnStopped"/>; the
/// mirror may be stale for the orders involved). A slow strategy
/// stalls only itself.</para>
/// <para>Ownership: a strategy may only act on its own orders. The engine refuses a cancel or replace naming
/// another strategy's order (<see cref="OnRequestRefused"/> with <c>RejectReason.NotOwner</c>) and never
/// reveals that order; a mass cancel touches only the sender's orders.</para>
/// <para>Life: <see cref="OnStart"/>, then events and timers, then (host stopping) <see cref="OnStopping"/>
/// — new orders are refused from then on, cancels still pass — then the remaining events, then
/// <see cref="OnStopped"/>. An exception thrown by a callback fails the strategy and stops the host.</para>
/// </remarks>
public abstract partial class OmsStrategy
{
    private OmsClient? _client;
    private StrategyGate? _gate;
    private OmsClock? _clock;

    /// <summary>The strategy id (set when the host attaches the strategy, before <see cref="OnStart"/>).</summary>
    public int StrategyId { get; private set; }

    /// <summary>A name for logs and summaries; the type name unless overridden.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Why the last command was not sent (<see cref="CommandRefusal.None"/> when it was). Strategy thread.</summary>
    public CommandRefusal LastRefusal { get; private set; }

    /// <summary>How often <see cref="OnTimer"/> runs; zero (the default) for never. Read once, at start.</summary>
    protected virtual TimeSpan TimerInterval => TimeSpan.Zero;

    /// <summary>The host clock: nanoseconds since the Unix epoch, the time base of event timestamps.</summary>
    protected long NowNanos => Clock.NowNanos;

    /// <summary>This strategy's live orders by the ClOrdID they were submitted with, as its events report them. Strategy thread.</summary>
    protected IReadOnlyDictionary<IdToken, ClientOrder> OpenOrders => Client.OpenOrders;

    /// <summary>
    /// Events lost to stream overrun so far: sequence gaps seen, and in <see cref="OnStopped"/> also those lost at the
    /// end of the stream, which no later event revealed. Strategy thread.
    /// </summary>
    protected long MissedEvents => Client.MissedEvents;

    private OmsClient Client => _client ?? throw new InvalidOperationException($"strategy {Name} is not attached to a host");

    private OmsClock Clock => _clock ?? throw new InvalidOperationException($"strategy {Name} is not attached to a host");

    /// <summary>This strategy's position in an instrument, as of the last event. Strategy thread.</summary>
    protected bool TryGetPosition(int instrumentId, out ClientPosition position) => Client.TryGetPosition(instrumentId, out position);

    /// <summary>
    /// Submits a new order. True: it was published and <paramref name="clOrdId"/> is its id (the engine's answer,
    /// Submitted or Denied, follows as an event). False: nothing was sent; <see cref="LastRefusal"/> says why
    /// (<see cref="CommandRefusal.VenueNotServed"/> when no gateway of the host serves the order's venue).
    /// </summary>
    protected bool Submit(in NewOrderRequest request, out IdToken clOrdId)
    {
        clOrdId = IdToken.None;
        return Pass(reducesRisk: false) && Served(request.VenueId) && Sent(Client.TrySubmit(in request, out clOrdId));
    }

    /// <summary>Asks to cancel the order any of whose ClOrdIDs is <paramref name="clOrdId"/>; allowed while the host is stopping.</summary>
    protected bool Cancel(IdToken clOrdId) => Cancel(clOrdId, out _);

    /// <summary>Asks to cancel an order; <paramref name="requestId"/> is the cancel request's ClOrdID.</summary>
    protected bool Cancel(IdToken clOrdId, out IdToken requestId)
    {
        requestId = IdToken.None;
        return Pass(reducesRisk: true) && Sent(Client.TryCancel(clOrdId, out requestId));
    }

    /// <summary>Asks to replace an order's quantity (the new total, filled part included) and limit price; <paramref name="newClOrdId"/> is the replace's ClOrdID.</summary>
    protected bool Replace(IdToken clOrdId, long quantity, long price, out IdToken newClOrdId) =>
        Replace(clOrdId, quantity, price, 0, out newClOrdId);

    /// <summary>Asks to replace an order's quantity, limit price and stop price.</summary>
    protected bool Replace(IdToken clOrdId, long quantity, long price, long stopPx, out IdToken newClOrdId)
    {
        newClOrdId = IdToken.None;
        return Pass(reducesRisk: false) && Sent(Client.TryReplace(clOrdId, quantity, price, stopPx, out newClOrdId));
    }

    /// <summary>Cancels every live order of this strategy matching the filter (0 = any); allowed while the host is stopping.</summary>
    protected bool MassCancel(int accountId = 0, int instrumentId = 0, int venueId = 0) =>
        Pass(reducesRisk: true) && Sent(Client.TryMassCancel(accountId, instrumentId, venueId));

    internal OmsClient AttachedClient => Client;

    internal void Attach(int strategyId, OmsClient client, StrategyGate gate, OmsClock clock)
    {
        if (_client is not null)
        {
            throw new InvalidOperationException($"strategy {Name} is already attached (as strategy {StrategyId}); register one instance per strategy id");
        }

        StrategyId = strategyId;
        _client = client;
        _gate = gate;
        _clock = clock;
    }

    private bool Pass(bool reducesRisk)
    {
        CommandRefusal refusal = _gate?.Check(reducesRisk) ?? CommandRefusal.NotAccepting;
        LastRefusal = refusal;
        return refusal == CommandRefusal.None;
    }

    private bool Served(int venueId)
    {
        if (_gate?.Serves(venueId) == true)
        {
            return true;
        }

        LastRefusal = CommandRefusal.VenueNotServed;
        return false;
    }

    private bool Sent(bool published)
    {
        LastRefusal = published ? CommandRefusal.None : CommandRefusal.RingFull;
        return published;
    }
}
