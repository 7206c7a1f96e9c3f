using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class ValidationTests
{
    private static SimVenueOptions Lots()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.Instruments[0].TickSize = 5;
        options.Instruments[0].LotSize = 100;
        return options;
    }

    [Theory]
    [InlineData(0, 10_000, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.IncorrectQuantity)]
    [InlineData(-100, 10_000, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.IncorrectQuantity)]
    [InlineData(150, 10_000, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.IncorrectQuantity)]
    [InlineData(100, 0, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.InvalidPrice)]
    [InlineData(100, -5, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.InvalidPrice)]
    [InlineData(100, 10_003, OrderType.Limit, TimeInForce.Day, SimOrderRejectReason.InvalidPrice)]
    [InlineData(100, 10_000, OrderType.Stop, TimeInForce.Day, SimOrderRejectReason.UnsupportedOrderCharacteristic)]
    [InlineData(100, 10_000, OrderType.Limit, TimeInForce.AtTheClose, SimOrderRejectReason.UnsupportedOrderCharacteristic)]
    public void New_BadOrder_RejectedWithReason(long qty, long price, OrderType type, TimeInForce tif, SimOrderRejectReason reason)
    {
        var v = new DirectVenue(Lots());
        VenueCommand c = v.New(Side.Buy, qty, price, type, tif);

        OmsMessage report = Assert.Single(v.Send(c));

        Assert.Equal((MessageKind.ExecutionReport, ExecType.Rejected, OrderStatus.Rejected), (report.Kind, report.ExecType, report.OrdStatus));
        Assert.Equal((c.ClOrdId, (byte)reason), (report.ClOrdId, report.VenueReason));
        Assert.Equal(1, v.Venue.Counters.OrderRejects(reason));
        Assert.Empty(v.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void New_UnknownInstrument_RejectedUnknownSymbol()
    {
        var v = new DirectVenue(VenueHarness.Quiet());
        OmsMessage report = Assert.Single(v.Send(v.New(Side.Sell, 10, 10_000, instrument: 5)));
        Assert.Equal((byte)SimOrderRejectReason.UnknownSymbol, report.VenueReason);
    }

    [Fact]
    public void New_ClOrdIdOfALiveOrder_RejectedDuplicate_OriginalUntouched()
    {
        var v = new DirectVenue(VenueHarness.Quiet());
        VenueCommand first = v.New(Side.Buy, 10, 10_000);
        v.Send(first);
        VenueCommand again = first with { Price = 9_000 };

        OmsMessage report = Assert.Single(v.Send(again));

        Assert.Equal((byte)SimOrderRejectReason.DuplicateOrder, report.VenueReason);
        Assert.Equal(10_000L, v.Venue.SnapshotRestingOrders().Single().Price);
    }

    [Fact]
    public void Cancel_OrderTheVenueNeverKnew_RejectedUnknownOrder()
    {
        var v = new DirectVenue(VenueHarness.Quiet());
        var cancel = new VenueCommand { Kind = VenueCommandKind.Cancel, ClOrdId = v.NextId(), OrigClOrdId = v.NextId() };

        OmsMessage report = Assert.Single(v.Send(cancel));

        Assert.Equal((MessageKind.CancelReject, CxlRejResponseTo.CancelRequest, (byte)SimCancelRejectReason.UnknownOrder),
            (report.Kind, report.CxlRejResponseTo, report.VenueReason));
    }

    [Fact]
    public void Replace_BadQuantityOrPrice_RejectedWithReason_OrderUnchanged()
    {
        var v = new DirectVenue(Lots());
        VenueCommand order = v.New(Side.Buy, 100, 10_000);
        v.Send(order);
        VenueCommand Replace(long qty, long price) => new()
        {
            Kind = VenueCommandKind.Replace, ClOrdId = v.NextId(), OrigClOrdId = order.ClOrdId, OrderQty = qty, Price = price,
        };

        Assert.Equal((byte)SimCancelRejectReason.InvalidQuantity, Assert.Single(v.Send(Replace(150, 10_000))).VenueReason);
        Assert.Equal((byte)SimCancelRejectReason.InvalidQuantity, Assert.Single(v.Send(Replace(0, 10_000))).VenueReason);
        Assert.Equal((byte)SimCancelRejectReason.InvalidPrice, Assert.Single(v.Send(Replace(100, 10_001))).VenueReason);
        Assert.Equal((byte)SimCancelRejectReason.InvalidPrice, Assert.Single(v.Send(Replace(100, 0))).VenueReason);
        Assert.Equal(3, v.Venue.Counters.CancelRejected - 1);
        Assert.Equal((100L, 10_000L), (v.Venue.SnapshotRestingOrders().Single().LeavesQty, v.Venue.SnapshotRestingOrders().Single().Price));
    }

    [Fact]
    public void UnknownCommandKind_CountedAndIgnored()
    {
        var v = new DirectVenue(VenueHarness.Quiet());
        Assert.Empty(v.Send(new VenueCommand { Kind = VenueCommandKind.None }));
        Assert.Equal(1, v.Venue.Counters.InvalidCommands);
    }

    [Fact]
    public void ClockGoingBackwards_CountedAndTheLaterTimeKept()
    {
        var v = new DirectVenue(VenueHarness.Quiet());
        v.RunAt(VenueHarness.Start);
        v.RunAt(VenueHarness.Start - 10);
        Assert.Equal(1, v.Venue.Counters.ClockRegressions);
    }
}
