namespace Oms.Tables;

/// <summary>
/// An order's two rows in the <see cref="PositionTable"/>: its account's position and its strategy's position in
/// the order's instrument (-1 for an order refused before they were made). One column of the order table, since
/// every fill, event and venue command reads both.
/// </summary>
/// <param name="Account">The account × instrument row, or -1.</param>
/// <param name="Strategy">The strategy × instrument row, or -1.</param>
internal readonly record struct PositionRows(int Account, int Strategy)
{
    /// <summary>No rows (an order refused before its positions were made).</summary>
    public static PositionRows None => new(-1, -1);
}
