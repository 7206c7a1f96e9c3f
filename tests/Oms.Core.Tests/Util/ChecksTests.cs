using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Util;

/// <summary>
/// The test processes run with the engine's release-build checks on (runtime option <c>Oms.Checks</c>, set for
/// every project under tests/ in Directory.Build.props): an internal invariant that breaks throws here instead of
/// passing unseen, as a <c>Debug.Assert</c> would in the Release build the suite runs.
/// </summary>
public sealed class ChecksTests
{
    [Fact]
    public void Enabled_InTestProcesses()
    {
        Assert.True(Checks.Enabled, "the test runtimeconfig must turn Oms.Checks on");
    }

    [Fact]
    public void Invariant_Broken_ThrowsWithTheRule()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Checks.Invariant(false, "the rule"));
        Assert.Equal("Invariant broken: the rule", e.Message);
        Checks.Invariant(true, "never thrown");
    }

    [Fact]
    public void PositionTable_TradeWithoutQuantity_BreaksItsInvariant()
    {
        var table = new PositionTable(2);
        int row = table.GetOrAdd(PositionOwner.Account, 1, 1);

        var e = Assert.Throws<InvalidOperationException>(() => table.ApplyTrade(row, 0, 100, 0));
        Assert.Contains("a trade has quantity", e.Message);
    }

    [Fact]
    public void OrderTable_AllocateWithoutClOrdId_BreaksItsInvariant()
    {
        var table = new OrderTable(capacity: 2, maxClOrdIds: 4);

        var e = Assert.Throws<InvalidOperationException>(() => table.Allocate(IdToken.None));
        Assert.Contains("an order has a ClOrdID", e.Message);
        Assert.Equal(0, table.Count);
    }
}
