namespace Oms.Hosting;

/// <summary>The best bid and offer of one instrument, raw at its price and quantity scales.</summary>
/// <param name="Bid">Best bid price, raw (0 when there is no bid).</param>
/// <param name="Ask">Best ask price, raw (0 when there is no ask).</param>
/// <param name="BidQty">Quantity at the best bid, raw (0 when unknown).</param>
/// <param name="AskQty">Quantity at the best ask, raw (0 when unknown).</param>
public readonly record struct TopOfBook(long Bid, long Ask, long BidQty = 0, long AskQty = 0)
{
    /// <summary>True when both sides are present and not crossed.</summary>
    public bool IsTwoSided => Bid > 0 && Ask > 0 && Ask >= Bid;

    /// <summary>The mid price, raw, rounded down (meaningful when <see cref="IsTwoSided"/>).</summary>
    public long Mid => Bid + ((Ask - Bid) / 2);
}

/// <summary>
/// Where co-hosted strategies read reference prices: a simulated venue, a market-data feed, or a test fake.
/// </summary>
/// <remarks>Implementations must be safe to call from several strategy threads while their own thread
/// updates the prices, and should not block (a strategy calls it from its callbacks).</remarks>
public interface IMarketData
{
    /// <summary>The current top of book of <paramref name="instrumentId"/>; false when there is none.</summary>
    bool TryGetTopOfBook(int instrumentId, out TopOfBook top);
}
