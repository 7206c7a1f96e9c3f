using Oms.Domain;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class ExpiryTests
{
    [Fact]
    public void EndOfDay_ExpiresDayOrders_GtcStays()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken day = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.Day);
        IdToken gtc = h.Submit(h.Client1, Side.Sell, 10, 10_005, TimeInForce.GoodTillCancel);

        h.Venue.EndOfDay(h.Now);
        h.Pump();

        Assert.Equal(OrderStatus.Expired, h.Order(day).Status);
        Assert.Equal(OrderStatus.New, h.Order(gtc).Status);
        Assert.Equal(1, h.Engine.Counters.Expired);
        Assert.Equal(gtc, h.Venue.SnapshotRestingOrders().Single().ClOrdId);
        Assert.Equal(OrderStatus.Expired, h.Reports.Single(r => r.ExecType == ExecType.Expired).OrdStatus);
    }

    [Fact]
    public void RequestEndOfDay_TakesEffectAtTheNextDutyCycle()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken day = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.Day);

        h.Venue.RequestEndOfDay();
        h.Pump();

        Assert.Equal(OrderStatus.Expired, h.Order(day).Status);
    }

    [Fact]
    public void SessionEnd_ExpiresDayOrdersAtTheConfiguredTime_ThenEverySessionLength()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.SessionEndNanos = VenueHarness.Start + 10_000;
        options.SessionLengthNanos = 50_000;
        var h = new VenueHarness(options);
        IdToken first = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.Day);

        h.Advance(9_999);
        Assert.Equal(OrderStatus.New, h.Order(first).Status);
        h.Advance(1);
        Assert.Equal(OrderStatus.Expired, h.Order(first).Status);

        IdToken second = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.Day);
        h.Advance(49_999);
        Assert.Equal(OrderStatus.New, h.Order(second).Status);
        h.Advance(1);
        Assert.Equal(OrderStatus.Expired, h.Order(second).Status);
    }

    [Fact]
    public void Gtd_ExpiresAtItsExpireTime()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken gtd = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.GoodTillDate, expireTime: VenueHarness.Start + 3_000);

        h.Advance(2_999);
        Assert.Equal(OrderStatus.New, h.Order(gtd).Status);
        h.Advance(1);
        Assert.Equal(OrderStatus.Expired, h.Order(gtd).Status);
        Assert.Empty(h.Venue.SnapshotRestingOrders());
    }

    [Fact]
    public void Gtd_ExpireTimeAlreadyPassed_RejectedTooLateToEnter()
    {
        var h = new VenueHarness(VenueHarness.Quiet());
        IdToken gtd = h.Submit(h.Client1, Side.Buy, 10, 10_000, TimeInForce.GoodTillDate, expireTime: VenueHarness.Start - 1);

        Assert.Equal(OrderStatus.Rejected, h.Order(gtd).Status);
        Assert.Equal(1, h.Venue.Counters.OrderRejects(SimOrderRejectReason.TooLateToEnter));
    }
}
