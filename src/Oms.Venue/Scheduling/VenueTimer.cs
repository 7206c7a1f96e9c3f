using Oms.Domain;

namespace Oms.Venue.Scheduling;

/// <summary>What a venue timer does when it fires.</summary>
internal enum TimerKind : byte
{
    /// <summary>Step an instrument's reference mid and refresh its background quotes.</summary>
    MidStep = 1,
    /// <summary>Send a background aggressive order into an instrument's book.</summary>
    Aggressor = 2,
    /// <summary>End the session: expire every resting Day order.</summary>
    SessionEnd = 3,
    /// <summary>Expire a GTD order.</summary>
    GtdExpiry = 4,
    /// <summary>Cancel a resting OMS order unasked (fault).</summary>
    UnsolicitedCancel = 5,
    /// <summary>Bust a fill (fault).</summary>
    Bust = 6,
    /// <summary>Correct a fill's price (fault).</summary>
    Correction = 7,
}

/// <summary>One scheduled venue action; its due time is its key in the timer heap.</summary>
internal struct VenueTimer
{
    /// <summary>What to do.</summary>
    public TimerKind Kind;
    /// <summary>The instrument index (background, session) or the order row (order timers).</summary>
    public int Target;
    /// <summary>The order row's generation when scheduled: a timer never acts on a row reused since.</summary>
    public int Generation;
    /// <summary>The fill's quantity (bust, correction).</summary>
    public long Qty;
    /// <summary>The fill's price (bust, correction).</summary>
    public long Price;
    /// <summary>The price the fill is corrected to (correction).</summary>
    public long NewPrice;
    /// <summary>The fill's ExecID (bust, correction).</summary>
    public IdToken ExecId;
}
