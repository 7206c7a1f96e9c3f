namespace Oms.Domain;

/// <summary>Static data for one instrument: its symbol and the decimal scales of its prices and quantities.</summary>
/// <param name="Id">Dense instrument id, 1-based; the engine's position table is keyed by it.</param>
/// <param name="Symbol">The venue symbol (FIX tag 55).</param>
/// <param name="PriceScale">Decimal places of prices: raw 12345 at scale 2 is 123.45.</param>
/// <param name="QuantityScale">Decimal places of quantities (0 for whole shares).</param>
public sealed record InstrumentSpec(int Id, string Symbol, int PriceScale, int QuantityScale)
{
    /// <summary>Decimal places of notional and PnL values: <see cref="PriceScale"/> + <see cref="QuantityScale"/>.</summary>
    public int NotionalScale => PriceScale + QuantityScale;
}
