namespace Oms.Venue;

/// <summary>
/// What the simulated venue has done, counted, including every fault it injected. Written by the venue
/// thread only; any thread may read them (each value is an atomic 64-bit read; a set read together is not
/// a consistent snapshot).
/// </summary>
public sealed class SimVenueCounters
{
    private readonly long[] _orderRejects = new long[256];
    private readonly long[] _cancelRejects = new long[256];

    internal long CommandsValue;
    internal long InvalidCommandsValue;
    internal long AcceptedValue;
    internal long RejectedValue;
    internal long CanceledValue;
    internal long CancelRejectedValue;
    internal long ReplacedValue;
    internal long ExpiredValue;
    internal long TradesValue;
    internal long OmsFillsValue;
    internal long OmsFilledQtyValue;
    internal long BoughtQtyValue;
    internal long SoldQtyValue;
    internal long ReportsQueuedValue;
    internal long ReportsPublishedValue;
    internal long BackPressuredValue;
    internal long ClockRegressionsValue;
    internal long BackgroundOrdersValue;
    internal long BackgroundAggressorsValue;
    internal long MidMovesValue;
    internal long BackgroundRebasesValue;
    internal long InjectedRejectsValue;
    internal long InjectedUnsolicitedCancelsValue;
    internal long InjectedDuplicatesValue;
    internal long InjectedOutOfOrderValue;
    internal long InjectedBustsValue;
    internal long InjectedCorrectionsValue;
    internal long BustClosesValue;

    /// <summary>Commands read from the venue queue.</summary>
    public long Commands => Volatile.Read(ref CommandsValue);
    /// <summary>Commands of no known kind (ignored: there is no order to answer).</summary>
    public long InvalidCommands => Volatile.Read(ref InvalidCommandsValue);
    /// <summary>New OMS orders acknowledged.</summary>
    public long Accepted => Volatile.Read(ref AcceptedValue);
    /// <summary>New OMS orders rejected (validation and injected; see <see cref="OrderRejects"/>).</summary>
    public long Rejected => Volatile.Read(ref RejectedValue);
    /// <summary>OMS orders canceled: on request, IOC/FOK/market remainders, unsolicited, and closed after a bust.</summary>
    public long Canceled => Volatile.Read(ref CanceledValue);
    /// <summary>Cancel and replace requests rejected (see <see cref="CancelRejects"/>).</summary>
    public long CancelRejected => Volatile.Read(ref CancelRejectedValue);
    /// <summary>Replaces applied.</summary>
    public long Replaced => Volatile.Read(ref ReplacedValue);
    /// <summary>OMS orders expired (Day at session end, GTD at their expire time).</summary>
    public long Expired => Volatile.Read(ref ExpiredValue);
    /// <summary>Trades matched, background against background included.</summary>
    public long Trades => Volatile.Read(ref TradesValue);
    /// <summary>Fill reports sent to the OMS (one per OMS side of a trade).</summary>
    public long OmsFills => Volatile.Read(ref OmsFillsValue);
    /// <summary>Quantity filled on OMS orders, net of busts.</summary>
    public long OmsFilledQuantity => Volatile.Read(ref OmsFilledQtyValue);
    /// <summary>Quantity bought by all participants, net of busts (always equals <see cref="SoldQuantity"/>).</summary>
    public long BoughtQuantity => Volatile.Read(ref BoughtQtyValue);
    /// <summary>Quantity sold by all participants, net of busts.</summary>
    public long SoldQuantity => Volatile.Read(ref SoldQtyValue);
    /// <summary>Reports put on the latency queue (duplicates included).</summary>
    public long ReportsQueued => Volatile.Read(ref ReportsQueuedValue);
    /// <summary>Reports published into the engine's ring.</summary>
    public long ReportsPublished => Volatile.Read(ref ReportsPublishedValue);
    /// <summary>Times the ring was full: the rest of the due reports waited, in order, for the next duty cycle.</summary>
    public long BackPressured => Volatile.Read(ref BackPressuredValue);
    /// <summary>Duty cycles whose time was earlier than the previous one's (the later time was kept).</summary>
    public long ClockRegressions => Volatile.Read(ref ClockRegressionsValue);
    /// <summary>Background resting orders posted.</summary>
    public long BackgroundOrders => Volatile.Read(ref BackgroundOrdersValue);
    /// <summary>Background aggressive orders sent into the book.</summary>
    public long BackgroundAggressors => Volatile.Read(ref BackgroundAggressorsValue);
    /// <summary>Reference mid steps that moved the mid.</summary>
    public long MidMoves => Volatile.Read(ref MidMovesValue);
    /// <summary>Background timers moved up to the present because the clock jumped past their catch-up window.</summary>
    public long BackgroundRebases => Volatile.Read(ref BackgroundRebasesValue);
    /// <summary>Fault: new orders rejected at random.</summary>
    public long InjectedRejects => Volatile.Read(ref InjectedRejectsValue);
    /// <summary>Fault: resting OMS orders canceled by the venue unasked.</summary>
    public long InjectedUnsolicitedCancels => Volatile.Read(ref InjectedUnsolicitedCancelsValue);
    /// <summary>Fault: reports sent twice with the same ExecID.</summary>
    public long InjectedDuplicates => Volatile.Read(ref InjectedDuplicatesValue);
    /// <summary>Fault: fills delivered before the report queued just before them for the same order.</summary>
    public long InjectedOutOfOrder => Volatile.Read(ref InjectedOutOfOrderValue);
    /// <summary>Fault: fills busted (one per OMS side: a trade between two OMS orders counts twice).</summary>
    public long InjectedBusts => Volatile.Read(ref InjectedBustsValue);
    /// <summary>Fault: fills corrected to another price (one per OMS side).</summary>
    public long InjectedCorrections => Volatile.Read(ref InjectedCorrectionsValue);
    /// <summary>Filled orders a bust reopened that the venue then closed with a cancel (see <see cref="SimVenue"/>).</summary>
    public long BustCloses => Volatile.Read(ref BustClosesValue);

    /// <summary>New orders rejected for <paramref name="reason"/>.</summary>
    public long OrderRejects(SimOrderRejectReason reason) => Volatile.Read(ref _orderRejects[(byte)reason]);

    /// <summary>Cancel and replace requests rejected for <paramref name="reason"/>.</summary>
    public long CancelRejects(SimCancelRejectReason reason) => Volatile.Read(ref _cancelRejects[(byte)reason]);

    internal void Count(SimOrderRejectReason reason)
    {
        RejectedValue++;
        _orderRejects[(byte)reason]++;
    }

    internal void Count(SimCancelRejectReason reason)
    {
        CancelRejectedValue++;
        _cancelRejects[(byte)reason]++;
    }
}
