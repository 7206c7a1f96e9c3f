namespace Oms.Hosting.Samples;

/// <summary>What the sample <see cref="Taker"/> trades and how often (raw values at the instrument's scales).</summary>
public sealed class TakerSettings
{
    /// <summary>The account the orders are booked to.</summary>
    public int AccountId { get; set; } = 1;
    /// <summary>The instrument traded.</summary>
    public int InstrumentId { get; set; } = 1;
    /// <summary>The venue the orders go to.</summary>
    public int VenueId { get; set; } = 1;
    /// <summary>Quantity of each order, raw.</summary>
    public long Quantity { get; set; } = 100;
    /// <summary>How far through the touch the limit price goes, raw price units (0 = at the best price).</summary>
    public long Cross { get; set; }
    /// <summary>The largest absolute net position, raw: at the limit the taker only trades back toward flat.</summary>
    public long MaxPosition { get; set; } = 1_000;
    /// <summary>How often the taker considers an order.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(20);
    /// <summary>Seed of the side choice.</summary>
    public int Seed { get; set; } = 1;
}
