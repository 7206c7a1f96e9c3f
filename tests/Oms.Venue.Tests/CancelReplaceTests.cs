using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class CancelReplaceTests
{
    [Fact]
    public void Cancel_RestingOrder_CanceledAndOutOfTheBook()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);

        IdToken request = h.Cancel(h.Client1, buy);

        Assert.Equal(OrderStatus.Canceled, h.Order(buy).Status);
        Assert.Empty(h.Venue.SnapshotRestingOrders());
        OmsMessage canceled = h.Reports.Single(r => r.ExecType == ExecType.Canceled);
        Assert.Equal((request, buy), (canceled.ClOrdId, canceled.OrigClOrdId));
        Assert.Equal(1, h.Venue.Counters.Canceled);
    }

    [Fact]
    public void Cancel_OrderFilledWhileTheRequestTravelled_CancelRejectTooLate()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 1_000;
        options.FillLatencyNanos = 1_000;
        var h = new VenueHarness(options);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Advance(1_000);
        h.Submit(h.Client2, Side.Sell, 10, 10_000); // fills the buy at the venue; the fill report is 1 µs away

        h.Cancel(h.Client1, buy);
        Assert.Equal(OrderStatus.PendingCancel, h.Order(buy).Status);
        h.Advance(1_000);

        Assert.Equal((OrderStatus.Filled, 10L), (h.Order(buy).Status, h.Order(buy).CumQty));
        Assert.Equal(1, h.Venue.Counters.CancelRejects(SimCancelRejectReason.TooLateToCancel));
        OmsMessage reject = h.Reports.Single(r => r.Kind == MessageKind.CancelReject);
        Assert.Equal(CxlRejResponseTo.CancelRequest, reject.CxlRejResponseTo);
        Assert.Null(h.Engine.ValidateInvariants());
    }

    [Fact]
    public void Replace_SamePriceLessQuantity_KeepsTimePriority()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken a = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken b = h.Submit(h.Client2, Side.Buy, 10, 10_000);

        IdToken a2 = h.Replace(h.Client1, a, 6, 10_000);
        h.Submit(h.Client2, Side.Sell, 6, 10_000);

        Assert.Equal((OrderStatus.Filled, 6L, a2), (h.Order(a).Status, h.Order(a).CumQty, h.Order(a).ClOrdId));
        Assert.Equal(0L, h.Order(b).CumQty);
        Assert.Null(h.Venue.ValidateInvariants());
    }

    [Fact]
    public void Replace_MoreQuantity_LosesTimePriority()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken a = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken b = h.Submit(h.Client2, Side.Buy, 10, 10_000);

        h.Replace(h.Client1, a, 20, 10_000);
        h.Submit(h.Client2, Side.Sell, 10, 10_000);

        Assert.Equal((OrderStatus.New, 0L, 20L), (h.Order(a).Status, h.Order(a).CumQty, h.Order(a).LeavesQty));
        Assert.Equal(OrderStatus.Filled, h.Order(b).Status);
        Assert.Null(h.Venue.ValidateInvariants());
    }

    [Fact]
    public void Replace_PriceAwayAndBack_LosesTimePriority()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken a = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        IdToken b = h.Submit(h.Client2, Side.Buy, 10, 10_000);

        IdToken a2 = h.Replace(h.Client1, a, 10, 9_999);
        h.Replace(h.Client1, a2, 10, 10_000);
        h.Submit(h.Client2, Side.Sell, 10, 10_000);

        Assert.Equal(0L, h.Order(a).CumQty);
        Assert.Equal(OrderStatus.Filled, h.Order(b).Status);
    }

    [Fact]
    public void Replace_PriceAcrossTheSpread_TradesAtOnce()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken sell = h.Submit(h.Client2, Side.Sell, 10, 10_001);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 9_999);

        h.Replace(h.Client1, buy, 10, 10_002);

        Assert.Equal((OrderStatus.Filled, 10_001L), (h.Order(buy).Status, h.Order(buy).AvgPx));
        Assert.Equal(OrderStatus.Filled, h.Order(sell).Status);
        var kinds = h.Reports.Where(r => r.OrigClOrdId == buy || r.ClOrdId == h.Order(buy).ClOrdId).Select(r => r.ExecType).ToArray();
        Assert.Equal([ExecType.Replaced, ExecType.Trade], kinds);
    }

    [Fact]
    public void Replace_QuantityNotAboveFilled_Rejected_OrderUnchanged()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Submit(h.Client2, Side.Sell, 4, 10_000);

        h.Replace(h.Client1, buy, 4, 10_000);

        OrderView o = h.Order(buy);
        Assert.Equal((OrderStatus.PartiallyFilled, 10L, 4L, buy), (o.Status, o.OrderQty, o.CumQty, o.ClOrdId));
        Assert.Equal(1, h.Venue.Counters.CancelRejects(SimCancelRejectReason.QuantityNotAboveFilled));
        Assert.Equal(CxlRejResponseTo.ReplaceRequest, h.Reports.Single(r => r.Kind == MessageKind.CancelReject).CxlRejResponseTo);
        Assert.Equal(6L, h.Venue.SnapshotRestingOrders().Single().LeavesQty);
    }

    [Fact]
    public void Replace_OrderAlreadyFilledAtTheVenue_RejectedTooLate()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 500;
        options.FillLatencyNanos = 500;
        var h = new VenueHarness(options);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        h.Advance(500);
        h.Submit(h.Client2, Side.Sell, 10, 10_000);

        h.Replace(h.Client1, buy, 20, 10_000);
        h.Advance(500);

        Assert.Equal((OrderStatus.Filled, 10L, 10L), (h.Order(buy).Status, h.Order(buy).OrderQty, h.Order(buy).CumQty));
        Assert.Equal(1, h.Venue.Counters.CancelRejects(SimCancelRejectReason.TooLateToCancel));
        Assert.Null(h.Engine.ValidateInvariants());
    }
}
