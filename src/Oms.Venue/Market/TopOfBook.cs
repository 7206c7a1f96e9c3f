namespace Oms.Venue.Market;

/// <summary>
/// The top of one instrument's book at the venue, as of <see cref="Timestamp"/>: best bid and ask with the
/// quantity resting at each, the background's reference mid and the last trade. Prices and quantities are
/// raw fixed-point values at the instrument's scales.
/// </summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="BidPrice">Best bid price; 0 when there is no bid.</param>
/// <param name="BidQuantity">Quantity resting at the best bid; 0 when there is no bid.</param>
/// <param name="AskPrice">Best ask price; 0 when there is no ask.</param>
/// <param name="AskQuantity">Quantity resting at the best ask; 0 when there is no ask.</param>
/// <param name="ReferenceMid">The background flow's reference mid (the random walk the synthetic quotes sit around).</param>
/// <param name="LastTradePrice">Price of the latest trade; 0 before the first.</param>
/// <param name="Timestamp">The venue time (DoWork's argument) the snapshot was taken at.</param>
/// <param name="Version">Increases with every publication (a reader can tell a fresh snapshot from a repeated one).</param>
public readonly record struct TopOfBook(
    int InstrumentId,
    long BidPrice,
    long BidQuantity,
    long AskPrice,
    long AskQuantity,
    long ReferenceMid,
    long LastTradePrice,
    long Timestamp,
    long Version)
{
    /// <summary>True when a bid rests.</summary>
    public bool HasBid => BidQuantity > 0;

    /// <summary>True when an ask rests.</summary>
    public bool HasAsk => AskQuantity > 0;

    /// <summary>The mid of the best bid and ask (rounded down), or the reference mid while a side is empty.</summary>
    public long Mid => HasBid && HasAsk ? BidPrice + ((AskPrice - BidPrice) / 2) : ReferenceMid;
}
