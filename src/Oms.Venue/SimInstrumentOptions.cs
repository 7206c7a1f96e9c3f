namespace Oms.Venue;

/// <summary>One instrument the simulated venue lists. Prices and quantities are raw fixed-point values at the instrument's scales.</summary>
public sealed class SimInstrumentOptions
{
    /// <summary>The interned instrument id orders name (the engine's instrument id).</summary>
    public int InstrumentId { get; set; }

    /// <summary>The background flow's reference mid at the start, raw; a multiple of <see cref="TickSize"/>.</summary>
    public long InitialMid { get; set; }

    /// <summary>Price increment, raw: limit prices must be multiples of it.</summary>
    public long TickSize { get; set; } = 1;

    /// <summary>Quantity increment, raw: order quantities must be multiples of it.</summary>
    public long LotSize { get; set; } = 1;

    internal SimInstrumentOptions Clone() => (SimInstrumentOptions)MemberwiseClone();
}
