namespace Oms.Fix;

/// <summary>The fixed mappings a <see cref="FixTranslator"/> applies at the edge.</summary>
public sealed record FixTranslatorOptions
{
    /// <summary>
    /// The venue of the session the translator serves, stamped on new orders (where they go) and on execution
    /// reports and cancel rejects (where they come from: the engine looks OrderIDs up within it and refuses a
    /// report about an order sent elsewhere). Must be positive.
    /// </summary>
    public int VenueId { get; init; } = 1;

    /// <summary>
    /// The strategy id stamped on new, cancel and replace requests (35=D/F/G) whose ClOrdID (11) and OrigClOrdID (41)
    /// are not strategy-minted: one that is (with <see cref="RecognizeStrategyMintedIds"/>) is stamped with the
    /// strategy it names, the order's (41) first. Must be positive.
    /// </summary>
    public int DefaultStrategyId { get; init; } = 1;

    /// <summary>The price scale given to a symbol the instrument directory does not know yet (0..9).</summary>
    public int DefaultPriceScale { get; init; } = 4;

    /// <summary>The quantity scale given to a symbol the instrument directory does not know yet (0..9).</summary>
    public int DefaultQuantityScale { get; init; }

    /// <summary>
    /// Map canonical <c>S{strategy}-{sequence}</c> ClOrdIDs (11, 41) back to the structured tokens the in-process
    /// client mints (see <see cref="FixIds"/>). On by default; turn it off for a session whose counterparty chooses
    /// ClOrdIDs that could take that form for its own orders.
    /// </summary>
    public bool RecognizeStrategyMintedIds { get; init; } = true;
}
