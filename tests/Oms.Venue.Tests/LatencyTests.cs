using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class LatencyTests
{
    [Fact]
    public void Ack_NothingPublishedBeforeItIsDue()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 1_000;
        var h = new VenueHarness(options);

        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);
        Assert.Equal(1, h.Venue.QueuedReports);
        Assert.Equal(VenueHarness.Start + 1_000, h.Venue.NextEventNanos);
        h.Advance(999);

        Assert.Equal(OrderStatus.PendingNew, h.Order(buy).Status);
        Assert.Empty(h.Reports);
        h.Advance(1);
        Assert.Equal(OrderStatus.New, h.Order(buy).Status);
        Assert.Equal(VenueHarness.Start + 1_000, Assert.Single(h.Reports).Timestamp);
    }

    [Fact]
    public void Jitter_StaysWithinBounds_ReportsArriveInDueOrder()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 1_000;
        options.AckJitterNanos = 500;
        var v = new DirectVenue(options);
        var commands = Enumerable.Range(0, 200).Select(i => v.New(Side.Buy, 10, 9_000 + i)).ToArray();
        Assert.Empty(v.Send(commands));

        var published = new List<OmsMessage>();
        for (long t = 1; t <= 1_500; t++)
        {
            var now = v.RunAt(VenueHarness.Start + t);
            Assert.All(now, r => Assert.True(r.Timestamp <= VenueHarness.Start + t, "published before its due time"));
            published.AddRange(now);
        }

        Assert.Equal(200, published.Count);
        Assert.All(published, r => Assert.InRange(r.Timestamp, VenueHarness.Start + 1_000, VenueHarness.Start + 1_500));
        Assert.Equal(published.Select(r => r.Timestamp).Order(), published.Select(r => r.Timestamp));
        Assert.True(published.Select(r => r.Timestamp).Distinct().Count() > 50, "jitter should spread the due times");
    }

    [Fact]
    public void FillLatencyShorterThanAck_FillStillFollowsItsAck()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 5_000;
        options.FillLatencyNanos = 100;
        var h = new VenueHarness(options);
        h.Submit(h.Client2, Side.Sell, 10, 10_000);
        IdToken buy = h.Submit(h.Client1, Side.Buy, 10, 10_000);

        h.Advance(5_000);

        var mine = h.Reports.Where(r => r.ClOrdId == buy).ToArray();
        Assert.Equal([ExecType.New, ExecType.Trade], mine.Select(r => r.ExecType));
        Assert.True(mine[0].Timestamp <= mine[1].Timestamp);
        Assert.Equal(OrderStatus.Filled, h.Order(buy).Status);
        Assert.Equal(0, h.Engine.Counters.Anomalies);
    }

    [Fact]
    public void FullRing_ReportsWaitInOrder_NoneDropped()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        options.AckLatencyNanos = 1_000;
        var h = new VenueHarness(options, ringCapacity: 16);
        var ids = new List<IdToken>();
        for (int i = 0; i < 60; i++)
        {
            ids.Add(h.Submit(h.Client1, Side.Buy, 10, 9_000 + i));
        }

        h.Advance(1_000);

        Assert.True(h.Venue.Counters.BackPressured > 0, "a 16-slot ring must have pushed back on 60 acks");
        Assert.Equal(60, h.Engine.Counters.Accepted);
        Assert.Equal(h.Venue.Counters.ReportsQueued, h.Venue.Counters.ReportsPublished);
        Assert.Equal(ids, h.Reports.Select(r => r.ClOrdId));
    }
}
