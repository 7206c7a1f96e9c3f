using Microsoft.Extensions.Hosting;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Samples;
using Oms.Hosting.Tests.Support;
using Oms.Tables;

namespace Oms.Hosting.Tests;

public sealed class SampleStrategyTests
{
    private static MarketMakerSettings Maker(long maxPosition = 1_000) => new()
    {
        AccountId = 1,
        InstrumentId = 1,
        VenueId = 1,
        QuoteQuantity = 100,
        HalfSpread = 5,
        RequoteThreshold = 1,
        MaxPosition = maxPosition,
        QuoteInterval = TimeSpan.FromMilliseconds(2),
    };

    private static void WaitForCommands(LoopbackGateway venue, Func<List<VenueCommand>, bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(() => condition(venue.Received), TimeSpan.FromSeconds(30)), $"timed out waiting for {what}");

    [Fact]
    public async Task MarketMaker_QuotesAroundTheReference_RequotesWhenItMoves_CancelsOnStop()
    {
        var prices = new FakeMarketData();
        prices.Set(1, 9_990, 10_010);
        using IHost host = TestHosts.Build(services: s => s
            .AddLoopback(1, fill: _ => false)
            .AddOmsStrategy(1, _ => new MarketMaker(Maker(), prices)));
        await host.StartAsync(Ct);
        LoopbackGateway venue = host.Loopback();

        WaitForCommands(venue, c => c.Count(x => x.Kind == VenueCommandKind.New) == 2, "two quotes");
        prices.Set(1, 10_040, 10_060);
        WaitForCommands(venue, c => c.Count(x => x.Kind == VenueCommandKind.Replace) == 2, "two re-quotes");
        // The status publishes the strategy's open-order count for other threads (the demo's live view).
        Assert.True(SpinWait.SpinUntil(() => host.Runtime().Strategies[0].OpenOrders == 2, TimeSpan.FromSeconds(30)), "two open quotes");
        await host.StopAsync(Ct);
        Assert.Equal(0, host.Runtime().Strategies[0].OpenOrders);

        List<VenueCommand> sent = venue.Received;
        Assert.Equal([(Side.Buy, 9_995L), (Side.Sell, 10_005L)], sent.Where(c => c.Kind == VenueCommandKind.New).Select(c => (c.Side, c.Price)));
        Assert.Equal([(Side.Buy, 10_045L), (Side.Sell, 10_055L)], sent.Where(c => c.Kind == VenueCommandKind.Replace).Select(c => (c.Side, c.Price)));
        Assert.Equal(2, sent.Count(c => c.Kind == VenueCommandKind.Cancel)); // OnStopping cancels both quotes
        var maker = host.Strategy<MarketMaker>(1);
        Assert.Equal((2L, 2L), (maker.QuotesSent, maker.ReplacesSent));
        Assert.All(host.Runtime().Engine.SnapshotOrders(), o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public async Task MarketMaker_StopsQuotingASideThatWouldPassThePositionLimit()
    {
        var prices = new FakeMarketData();
        prices.Set(1, 9_990, 10_010);
        using IHost host = TestHosts.Build(services: s => s
            .AddLoopback(1, fill: c => c.Side == Side.Buy) // the bid fills at once: long 100 = the limit
            .AddOmsStrategy(1, _ => new MarketMaker(Maker(maxPosition: 100), prices)));
        await host.StartAsync(Ct);
        LoopbackGateway venue = host.Loopback();

        WaitForCommands(venue, c => c.Any(x => x.Kind == VenueCommandKind.New && x.Side == Side.Sell), "the ask");
        // Wait until the strategy itself has taken the fill: every tick from now on sees the position at the limit.
        Assert.True(SpinWait.SpinUntil(() => host.Runtime().Strategies[0].OrdersFilled == 1, TimeSpan.FromSeconds(30)));
        prices.Set(1, 10_090, 10_110);
        // The ask is re-quoted on a tick after the fill was seen; on that tick the bid was not re-sent.
        WaitForCommands(venue, c => c.Any(x => x.Kind == VenueCommandKind.Replace && x.Side == Side.Sell), "the ask re-quote");
        await host.StopAsync(Ct);

        Assert.Equal(1, venue.Received.Count(c => c.Kind == VenueCommandKind.New && c.Side == Side.Buy));
        Assert.Equal(100, host.Strategy<MarketMaker>(1).FilledQuantity);

        // The status's position view (readable from any thread) states what the engine's table holds.
        StrategyPositionSnapshot position = Assert.Single(host.Runtime().Strategies[0].Positions());
        PositionView engineRow = host.Runtime().Engine.SnapshotPositions().Single(p => p.Owner == PositionOwner.Strategy && p.OwnerId == 1);
        Assert.Equal((1, 100L), (position.InstrumentId, position.NetQty));
        Assert.Equal((engineRow.NetQty, engineRow.AvgCost, engineRow.RealizedPnl), (position.NetQty, position.AvgCost, position.RealizedPnl));
    }

    [Fact]
    public async Task Taker_CrossesTheSpreadWithIocOrders_DeterministicallyWithinItsLimit()
    {
        var prices = new FakeMarketData();
        prices.Set(1, 9_990, 10_010);
        var settings = new TakerSettings { Quantity = 100, MaxPosition = 200, Interval = TimeSpan.FromMilliseconds(1), Seed = 7 };
        using IHost host = TestHosts.Build(services: s => s.AddLoopback().AddOmsStrategy(3, _ => new Taker(settings, prices)));
        await host.StartAsync(Ct);
        LoopbackGateway venue = host.Loopback();
        WaitForCommands(venue, c => c.Count >= 30, "30 orders");
        await host.StopAsync(Ct);

        List<VenueCommand> sent = venue.Received;
        Assert.All(sent, c => Assert.Equal((VenueCommandKind.New, OrderType.Limit, TimeInForce.ImmediateOrCancel), (c.Kind, c.OrderType, c.TimeInForce)));
        Assert.All(sent, c => Assert.Equal(c.Side == Side.Buy ? 10_010 : 9_990, c.Price));

        // Same seed, same fills: the same sides, and the position never passes the limit.
        var random = new Random(settings.Seed);
        long net = 0;
        foreach (VenueCommand c in sent)
        {
            Side expected = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            expected = expected == Side.Buy && net + 100 > 200 ? Side.Sell : expected == Side.Sell && net - 100 < -200 ? Side.Buy : expected;
            Assert.Equal(expected, c.Side);
            net += c.Side == Side.Buy ? 100 : -100;
            Assert.InRange(net, -200, 200);
        }

        Assert.Equal(sent.Count, host.Strategy<Taker>(3).OrdersSent);
    }
}
