using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class MatchingTests
{
    [Fact]
    public void IncomingSell_TradesBestPriceFirstThenOldestFirst()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken a = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken b = h.Submit(h.Client2, Side.Buy, 10, 10_000);
        IdToken c = h.Submit(h.Client1, Side.Buy, 10, 9_999);
        IdToken d = h.Submit(h.Client2, Side.Buy, 10, 10_100);

        IdToken s = h.Submit(h.Client1, Side.Sell, 25, 9_999);

        Assert.Equal((OrderStatus.Filled, 10L), (h.Order(d).Status, h.Order(d).CumQty));
        Assert.Equal((OrderStatus.Filled, 10L), (h.Order(a).Status, h.Order(a).CumQty));
        Assert.Equal((OrderStatus.PartiallyFilled, 5L), (h.Order(b).Status, h.Order(b).CumQty));
        Assert.Equal((OrderStatus.New, 0L), (h.Order(c).Status, h.Order(c).CumQty));
        Assert.Equal((OrderStatus.Filled, 25L, 10_040L), (h.Order(s).Status, h.Order(s).CumQty, h.Order(s).AvgPx));
        Assert.Null(h.Venue.ValidateInvariants());
        Assert.Null(h.Engine.ValidateInvariants());
    }

    [Fact]
    public void Buy_SweepsLevelsUpToItsLimit_RemainderRests()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken s1 = h.Submit(h.Client2, Side.Sell, 100, 10_001);
        IdToken s2 = h.Submit(h.Client2, Side.Sell, 100, 10_002);
        IdToken s3 = h.Submit(h.Client2, Side.Sell, 100, 10_003);

        IdToken buy = h.Submit(h.Client1, Side.Buy, 250, 10_002);

        OrderView b = h.Order(buy);
        Assert.Equal((OrderStatus.PartiallyFilled, 200L, 50L, 10_002L), (b.Status, b.CumQty, b.LeavesQty, b.AvgPx)); // 10001.5 rounds half up
        Assert.Equal(OrderStatus.Filled, h.Order(s1).Status);
        Assert.Equal(OrderStatus.Filled, h.Order(s2).Status);
        Assert.Equal(0L, h.Order(s3).CumQty);
        Assert.True(h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out var top));
        Assert.Equal((10_002L, 50L, 10_003L, 100L), (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity));
        Assert.Equal(2, h.Reports.Count(r => r.ClOrdId == buy && r.ExecType == ExecType.Trade));
        Assert.Null(h.Venue.ValidateInvariants());
    }

    [Fact]
    public void MarketOrder_TakesWhatRests_RemainderCanceled()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        h.Submit(h.Client2, Side.Sell, 5, 10_001);
        h.Submit(h.Client2, Side.Sell, 5, 10_005);

        IdToken market = h.Submit(h.Client1, Side.Buy, 20, 0, TimeInForce.Day, OrderType.Market);

        OrderView m = h.Order(market);
        Assert.Equal((OrderStatus.Canceled, 10L, 10_003L), (m.Status, m.CumQty, m.AvgPx));
        Assert.Empty(h.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void MarketOrder_EmptyBook_CanceledWithoutFill()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken market = h.Submit(h.Client1, Side.Sell, 20, 0, TimeInForce.Day, OrderType.Market);
        Assert.Equal((OrderStatus.Canceled, 0L), (h.Order(market).Status, h.Order(market).CumQty));
    }

    [Fact]
    public void Ioc_FillsWhatCrosses_CancelsTheRest()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken rest = h.Submit(h.Client2, Side.Sell, 10, 10_001);
        h.Submit(h.Client2, Side.Sell, 10, 10_002);

        IdToken ioc = h.Submit(h.Client1, Side.Buy, 15, 10_001, TimeInForce.ImmediateOrCancel);

        Assert.Equal((OrderStatus.Canceled, 10L), (h.Order(ioc).Status, h.Order(ioc).CumQty));
        Assert.Equal(OrderStatus.Filled, h.Order(rest).Status);
        Assert.Single(h.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void Ioc_NothingCrosses_CanceledAndNeverRests()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        h.Submit(h.Client2, Side.Sell, 10, 10_001);

        IdToken ioc = h.Submit(h.Client1, Side.Buy, 15, 10_000, TimeInForce.ImmediateOrCancel);

        Assert.Equal((OrderStatus.Canceled, 0L), (h.Order(ioc).Status, h.Order(ioc).CumQty));
        Assert.DoesNotContain(h.Venue.SnapshotRestingOrders(), o => o.ClOrdId == ioc);
    }

    [Fact]
    public void Fok_NotEnoughWithinLimit_CanceledWithNoFill_BookUntouched()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken s1 = h.Submit(h.Client2, Side.Sell, 10, 10_001);
        h.Submit(h.Client2, Side.Sell, 10, 10_003);

        IdToken fok = h.Submit(h.Client1, Side.Buy, 15, 10_002, TimeInForce.FillOrKill);

        Assert.Equal((OrderStatus.Canceled, 0L), (h.Order(fok).Status, h.Order(fok).CumQty));
        Assert.DoesNotContain(h.Reports, r => r.ExecType == ExecType.Trade);
        Assert.Equal(0L, h.Order(s1).CumQty);
        Assert.Equal(2, h.Venue.SnapshotRestingOrders().Count);
    }

    [Fact]
    public void Fok_EnoughAcrossLevels_FilledCompletely()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        h.Submit(h.Client2, Side.Sell, 10, 10_001);
        IdToken s2 = h.Submit(h.Client2, Side.Sell, 10, 10_002);

        IdToken fok = h.Submit(h.Client1, Side.Buy, 15, 10_002, TimeInForce.FillOrKill);

        Assert.Equal((OrderStatus.Filled, 15L), (h.Order(fok).Status, h.Order(fok).CumQty));
        Assert.Equal(5L, h.Order(s2).CumQty);
    }

    [Fact]
    public void EveryOrder_IsAcknowledgedBeforeItsFills()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        h.Submit(h.Client2, Side.Sell, 10, 10_001);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_001);

        var mine = h.Reports.Where(r => r.ClOrdId == buy).Select(r => r.ExecType).ToArray();
        Assert.Equal([ExecType.New, ExecType.Trade], mine);
        OmsMessage fill = h.Reports.Single(r => r.ClOrdId == buy && r.ExecType == ExecType.Trade);
        Assert.Equal((OrderStatus.Filled, 10L, 0L, 10_001L, 10L, 10_001L), (fill.OrdStatus, fill.CumQty, fill.LeavesQty, fill.AvgPx, fill.LastQty, fill.LastPx));
        Assert.False(fill.VenueOrderId.IsNone);
    }
}
