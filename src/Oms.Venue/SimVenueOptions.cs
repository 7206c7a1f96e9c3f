namespace Oms.Venue;

/// <summary>
/// Settings of one simulated venue: plain settable properties, so a host can bind them from configuration.
/// The venue copies them at construction; <see cref="Validate"/> names the first bad setting.
/// </summary>
/// <remarks>
/// Times are nanoseconds on the clock the host passes to <see cref="SimVenue.DoWork"/> (GTD expire times
/// and <see cref="SessionEndNanos"/> are compared with it, so use the clock the orders' timestamps use,
/// normally nanoseconds since the Unix epoch). Latencies are a fixed part plus a seeded uniform jitter
/// in 0..jitter. Probabilities are in [0, 1].
/// </remarks>
public sealed class SimVenueOptions
{
    /// <summary>The seed of every random choice the venue makes: the same seed, commands and clock values give the same reports.</summary>
    public long Seed { get; set; } = 1;
    /// <summary>The instruments the venue lists; orders for any other are rejected (UnknownSymbol).</summary>
    public List<SimInstrumentOptions> Instruments { get; set; } = [];

    /// <summary>Order records (OMS and background, resting or awaiting a bust); a new order beyond them is rejected (VenueFull).</summary>
    public int MaxOrders { get; set; } = 16_384;
    /// <summary>Reports waiting on the latency queue beyond which the venue stops reading commands (back-pressure reaches the engine).</summary>
    public int MaxQueuedReports { get; set; } = 65_536;
    /// <summary>Most commands read per duty cycle.</summary>
    public int DrainLimit { get; set; } = 256;

    /// <summary>Fixed latency of acknowledgements, cancels, replaces, rejects and expiries.</summary>
    public long AckLatencyNanos { get; set; } = 20_000;
    /// <summary>Seeded jitter added to <see cref="AckLatencyNanos"/> (uniform in 0..this).</summary>
    public long AckJitterNanos { get; set; }
    /// <summary>Fixed latency of fills, busts and corrections.</summary>
    public long FillLatencyNanos { get; set; } = 20_000;
    /// <summary>Seeded jitter added to <see cref="FillLatencyNanos"/>.</summary>
    public long FillJitterNanos { get; set; }

    /// <summary>When the first session ends (every resting Day order expires); 0 = only on an explicit end of day.</summary>
    public long SessionEndNanos { get; set; }
    /// <summary>Time from one session end to the next; 0 = a single scheduled end.</summary>
    public long SessionLengthNanos { get; set; }

    /// <summary>Background price levels quoted on each side of the reference mid; 0 = no background quotes.</summary>
    public int BackgroundLevels { get; set; } = 5;
    /// <summary>Ticks from the mid to the first background bid and ask.</summary>
    public int BackgroundHalfSpreadTicks { get; set; } = 1;
    /// <summary>Largest background resting order, in lots (each is 1..this lots).</summary>
    public int BackgroundMaxLots { get; set; } = 10;
    /// <summary>Mean time between reference-mid steps (each refreshes the background quotes); 0 = the mid never moves.</summary>
    public long MidStepIntervalNanos { get; set; } = 1_000_000;
    /// <summary>Largest mid step, in ticks (each step is uniform in −this..this).</summary>
    public int MidStepMaxTicks { get; set; } = 1;
    /// <summary>Mean time between background aggressive orders per instrument; 0 = none.</summary>
    public long AggressorIntervalNanos { get; set; } = 2_000_000;
    /// <summary>Largest background aggressive order, in lots.</summary>
    public int AggressorMaxLots { get; set; } = 5;
    /// <summary>How far past the background's first level an aggressive order may trade, in ticks.</summary>
    public int AggressorReachTicks { get; set; } = 2;
    /// <summary>How far the background replays missed steps when the clock jumps; beyond it the background restarts from the present.</summary>
    public long BackgroundMaxCatchUpNanos { get; set; } = 100_000_000;

    /// <summary>Fault: probability a valid new order is rejected (reason Other).</summary>
    public double RejectProbability { get; set; }
    /// <summary>Fault: probability an OMS order that comes to rest is later canceled by the venue unasked.</summary>
    public double UnsolicitedCancelProbability { get; set; }
    /// <summary>How long after coming to rest the unsolicited cancel happens.</summary>
    public long UnsolicitedCancelDelayNanos { get; set; } = 1_000_000;
    /// <summary>Fault: probability an execution report is sent a second time with the same ExecID.</summary>
    public double DuplicateProbability { get; set; }
    /// <summary>How long after the original the duplicate is due.</summary>
    public long DuplicateDelayNanos { get; set; } = 1_000;
    /// <summary>Fault: probability a fill overtakes the order's previous report still on the latency queue (for example a fill before its ack).</summary>
    public double OutOfOrderProbability { get; set; }
    /// <summary>Fault: probability a trade with an OMS side is busted later (TradeCancel naming the fill's ExecID).</summary>
    public double BustProbability { get; set; }
    /// <summary>Fault: probability a trade with an OMS side is corrected later to a price one tick away (TradeCorrect).</summary>
    public double CorrectionProbability { get; set; }
    /// <summary>How long after a fill is due its bust or correction happens.</summary>
    public long BustDelayNanos { get; set; } = 1_000_000;

    internal SimVenueOptions Clone()
    {
        var copy = (SimVenueOptions)MemberwiseClone();
        copy.Instruments = Instruments.ConvertAll(i => i.Clone());
        return copy;
    }

    /// <summary>Checks every setting; returns the first problem, naming the setting, or null when valid.</summary>
    public string? Validate() => SimVenueOptionsValidation.Validate(this);
}
