using Oms.Domain;

namespace Oms.Hosting.Samples;

/// <summary>What the sample <see cref="MarketMaker"/> quotes, where, and within which limits (raw values at the instrument's scales).</summary>
public sealed class MarketMakerSettings
{
    /// <summary>The account the quotes are booked to.</summary>
    public int AccountId { get; set; } = 1;
    /// <summary>The instrument quoted.</summary>
    public int InstrumentId { get; set; } = 1;
    /// <summary>The venue the quotes go to.</summary>
    public int VenueId { get; set; } = 1;
    /// <summary>Quantity shown on each side, raw.</summary>
    public long QuoteQuantity { get; set; } = 100;
    /// <summary>Distance of each quote from the reference mid, raw price units.</summary>
    public long HalfSpread { get; set; } = 5;
    /// <summary>How far the target price must move from the resting price before the quote is replaced, raw price units.</summary>
    public long RequoteThreshold { get; set; } = 1;
    /// <summary>The largest absolute net position the quotes may lead to, raw: a side is not quoted (and is canceled) when a full fill of it would pass the limit.</summary>
    public long MaxPosition { get; set; } = 1_000;
    /// <summary>Time in force of the quotes.</summary>
    public TimeInForce TimeInForce { get; set; } = TimeInForce.Day;
    /// <summary>How often the quotes are checked against the reference price.</summary>
    public TimeSpan QuoteInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
