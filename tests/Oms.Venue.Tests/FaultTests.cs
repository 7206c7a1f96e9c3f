using Oms.Domain;
using Oms.Engine;
using Oms.Tables;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class FaultTests
{
    private static SimVenueOptions With(Action<SimVenueOptions> set)
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 1_000;
        options.FillLatencyNanos = 1_000;
        set(options);
        return options;
    }

    [Fact]
    public void Reject_EveryNewOrderRejected_EngineCountsThem()
    {
        var h = new VenueHarness(With(o => o.RejectProbability = 1));
        for (int i = 0; i < 5; i++)
        {
            h.Submit(h.Client1, Side.Buy, 10, 10_000);
        }

        h.Advance(1_000);

        Assert.Equal(5, h.Venue.Counters.InjectedRejects);
        Assert.Equal(5, h.Venue.Counters.OrderRejects(SimOrderRejectReason.Other));
        Assert.Equal(5, h.Engine.Counters.Rejected);
        Assert.Empty(h.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void Duplicate_EveryReportSentTwice_EngineAppliesOnceAndCountsTheRest()
    {
        var h = new VenueHarness(With(o => o.DuplicateProbability = 1));
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken sell = h.Submit(h.Client2, Side.Sell, 4, 10_000);
        h.Advance(2_000);

        Assert.True(h.Venue.Counters.InjectedDuplicates >= 4);
        Assert.Equal(h.Venue.Counters.InjectedDuplicates, h.Engine.Counters.Duplicates);
        Assert.Equal((OrderStatus.PartiallyFilled, 4L), (h.Order(buy).Status, h.Order(buy).CumQty));
        Assert.Equal((OrderStatus.Filled, 4L), (h.Order(sell).Status, h.Order(sell).CumQty));
        Assert.True(h.Engine.TryGetPosition(PositionOwner.Strategy, 1, VenueHarness.Instrument, out PositionView p));
        Assert.Equal(4L, p.NetQty);
    }

    [Fact]
    public void UnsolicitedCancel_RestingOrderCanceledByTheVenue()
    {
        var h = new VenueHarness(With(o => { o.UnsolicitedCancelProbability = 1; o.UnsolicitedCancelDelayNanos = 5_000; }));
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Advance(1_000);
        Assert.Equal(OrderStatus.New, h.Order(buy).Status);

        h.Advance(5_000);

        Assert.Equal(OrderStatus.Canceled, h.Order(buy).Status);
        Assert.Equal(1, h.Venue.Counters.InjectedUnsolicitedCancels);
        Assert.Equal(1, h.Engine.Counters.Canceled);
        Assert.Empty(h.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void OutOfOrder_FillBeforeItsAck_EngineAppliesTheFillAndTakesTheAckAsAnEcho()
    {
        var h = new VenueHarness(With(o => o.OutOfOrderProbability = 1));
        h.Submit(h.Client2, Side.Sell, 10, 10_000);
        h.Advance(1_000);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);

        h.Advance(1_000);

        Assert.True(h.Venue.Counters.InjectedOutOfOrder >= 1);
        Assert.Equal([ExecType.Trade, ExecType.New], h.Reports.Where(r => r.ClOrdId == buy).Select(r => r.ExecType));
        Assert.Equal((OrderStatus.Filled, 10L), (h.Order(buy).Status, h.Order(buy).CumQty));
        Assert.True(h.Engine.Counters.Confirmations >= 1);
        Assert.Empty(h.Anomalies);
        Assert.Null(h.Engine.ValidateInvariants());
    }

    [Fact]
    public void Bust_OfAFilledOrder_EngineReversesTheFill_VenueClosesTheOrder()
    {
        var h = new VenueHarness(With(o => { o.BustProbability = 1; o.BustDelayNanos = 10_000; }));
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken sell = h.Submit(h.Client2, Side.Sell, 10, 10_000);
        h.Advance(1_000);
        Assert.Equal(OrderStatus.Filled, h.Order(buy).Status);

        h.Advance(10_000); // the bust happens now; its report takes the fill latency
        Assert.Equal(OrderStatus.Filled, h.Order(buy).Status);
        h.Advance(1_000);

        Assert.Equal(2, h.Venue.Counters.InjectedBusts); // one per OMS side of the trade
        Assert.Equal(2, h.Engine.Counters.Busts);
        Assert.Equal(2, h.Venue.Counters.BustCloses);
        OmsMessage bust = h.Reports.First(r => r.ExecType == ExecType.TradeCancel);
        Assert.Equal(h.Reports.First(r => r.ExecType == ExecType.Trade && r.ClOrdId == bust.ClOrdId).ExecId, bust.ExecRefId);
        Assert.Equal((OrderStatus.Canceled, 0L), (h.Order(buy).Status, h.Order(buy).CumQty));
        Assert.Equal((OrderStatus.Canceled, 0L), (h.Order(sell).Status, h.Order(sell).CumQty));
        Assert.True(h.Engine.TryGetPosition(PositionOwner.Strategy, 1, VenueHarness.Instrument, out PositionView p));
        Assert.Equal(0L, p.NetQty);
        Assert.Equal(0, h.Venue.Counters.OmsFilledQuantity);
        Assert.Null(h.Venue.ValidateInvariants());
        Assert.Null(h.Engine.ValidateInvariants());
    }

    [Fact]
    public void Bust_OfARestingOrder_QuantityOpensAgainAtTheVenueAndInTheEngine()
    {
        var h = new VenueHarness(With(o => { o.BustProbability = 1; o.BustDelayNanos = 10_000; }));
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Submit(h.Client2, Side.Sell, 4, 10_000);
        h.Advance(1_000);
        Assert.Equal(4L, h.Order(buy).CumQty);

        h.Advance(11_000);

        Assert.Equal((OrderStatus.New, 0L, 10L), (h.Order(buy).Status, h.Order(buy).CumQty, h.Order(buy).LeavesQty));
        SimRestingOrder resting = Assert.Single(h.Venue.SnapshotRestingOrders());
        Assert.Equal((10L, 0L), (resting.LeavesQty, resting.CumQty));
        Assert.True(h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out var top));
        Assert.Equal(10L, top.BidQuantity);
        Assert.Null(h.Venue.ValidateInvariants());
    }

    [Fact]
    public void Correction_EveryFillRepriced_EngineAppliesTheCorrectedPrice()
    {
        var h = new VenueHarness(With(o => { o.CorrectionProbability = 1; o.BustDelayNanos = 10_000; }));
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Submit(h.Client2, Side.Sell, 10, 10_000);
        h.Advance(12_000);

        Assert.Equal(2, h.Venue.Counters.InjectedCorrections);
        Assert.Equal(2, h.Engine.Counters.Corrections);
        OmsMessage correction = h.Reports.First(r => r.ExecType == ExecType.TradeCorrect && r.ClOrdId == buy);
        Assert.Contains(correction.LastPx, new[] { 9_999L, 10_001L });
        Assert.Equal((10L, correction.LastPx), (h.Order(buy).CumQty, h.Order(buy).AvgPx));
        Assert.Equal(correction.LastPx, correction.AvgPx);
        Assert.Empty(h.Anomalies);
    }
}
