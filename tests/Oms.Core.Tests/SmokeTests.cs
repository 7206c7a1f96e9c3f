using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tests.Support;

namespace Oms.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void NewAckFill_OrderFilledAndPositionUpdated()
    {
        var engine = TestEngines.Create();
        engine.ApplyAll(
            Msg.New("A", qty: 100, price: 10_000),
            Msg.Report(ExecType.New, "A", "e1", venueOrderId: "V1"),
            Msg.Fill("A", "e2", 40, 10_000),
            Msg.Fill("A", "e3", 60, 10_100));

        Assert.True(engine.TryGetOrder(Msg.Id("A"), out OrderView o));
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal(100, o.CumQty);
        Assert.Equal(0, o.LeavesQty);
        Assert.Equal(10_060, o.AvgPx);
        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("V1"), out _));
        Assert.True(engine.TryGetPosition(Oms.Tables.PositionOwner.Account, 1, 1, out PositionView p));
        Assert.Equal(100, p.NetQty);
    }
}
