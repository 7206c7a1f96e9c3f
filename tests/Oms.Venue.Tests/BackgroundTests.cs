using Oms.Domain;
using Oms.Venue.Market;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class BackgroundTests
{
    private static SimVenueOptions Background(long seed = 11)
    {
        var options = new SimVenueOptions
        {
            Seed = seed,
            Instruments = [new SimInstrumentOptions { InstrumentId = VenueHarness.Instrument, InitialMid = 10_000, TickSize = 1, LotSize = 1 }],
        };
        Assert.Null(options.Validate());
        return options;
    }

    [Fact]
    public void Start_PostsTheLadderAroundTheMid()
    {
        var h = new VenueHarness(Background());
        h.Pump();

        Assert.True(h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out TopOfBook top));
        Assert.Equal((9_999L, 10_001L, 10_000L, 10_000L), (top.BidPrice, top.AskPrice, top.ReferenceMid, top.Mid));
        var book = h.Venue.SnapshotRestingOrders();
        Assert.Equal(10, book.Count);
        Assert.All(book, o => Assert.True(o.IsBackground && o.ClOrdId.IsNone));
        Assert.Equal(5, book.Count(o => o.Side == Side.Buy));
        Assert.False(h.Venue.TryGetTopOfBook(99, out _));
    }

    [Fact]
    public void BackgroundFlow_FillsAMarketMakersRestingQuotes()
    {
        var h = new VenueHarness(Background());
        h.Pump();
        IdToken bid = h.Submit(h.Client1, Side.Buy, 3, 10_000);
        IdToken ask = h.Submit(h.Client1, Side.Sell, 3, 10_001);

        h.Run(VenueHarness.Start + 200_000_000, step: 50_000);

        Assert.True(h.Order(bid).CumQty > 0, "background sellers never reached a bid at the mid");
        Assert.True(h.Order(ask).CumQty > 0, "background buyers never reached an ask at the touch");
        Assert.True(h.Venue.Counters.BackgroundAggressors > 20);
        Assert.True(h.Venue.Counters.MidMoves > 20);
        Assert.True(h.Venue.Counters.Trades > h.Venue.Counters.OmsFills);
        Assert.Null(h.Venue.ValidateInvariants());
        Assert.Null(h.Engine.ValidateInvariants());
    }

    [Fact]
    public void Taker_CrossesTheSpread_FilledAtTheAsk()
    {
        SimVenueOptions options = Background();
        options.AckLatencyNanos = 0;
        options.FillLatencyNanos = 0;
        var h = new VenueHarness(options);
        h.Pump();
        Assert.True(h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out TopOfBook top));

        IdToken take = h.Submit(h.Client1, Side.Buy, top.AskQuantity, top.AskPrice, TimeInForce.ImmediateOrCancel);

        Assert.Equal((OrderStatus.Filled, top.AskPrice), (h.Order(take).Status, h.Order(take).AvgPx));
    }

    [Fact]
    public void TopOfBook_ReadFromAnotherThreadWhileTheVenueTrades_AlwaysConsistent()
    {
        var h = new VenueHarness(Background());
        h.Pump();
        int reads = 0;
        string? problem = null;
        bool stop = false;
        using var started = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            started.Set();
            long lastVersion = -1;
            while (!Volatile.Read(ref stop))
            {
                h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out TopOfBook top);
                reads++;
                if (top.Version < lastVersion || (top.HasBid && top.HasAsk && top.BidPrice >= top.AskPrice)
                    || top.HasBid != (top.BidPrice > 0) || top.HasAsk != (top.AskPrice > 0))
                {
                    problem ??= $"inconsistent snapshot {top} after version {lastVersion}";
                }

                lastVersion = top.Version;
            }
        });
        reader.Start();
        started.Wait(TestContext.Current.CancellationToken);

        h.Run(VenueHarness.Start + 50_000_000, step: 20_000);
        Volatile.Write(ref stop, true);
        reader.Join();

        Assert.Null(problem);
        Assert.True(reads > 0);
    }

    [Fact]
    public void ClockJump_BackgroundRestartsFromThePresent_InsteadOfReplayingTheGap()
    {
        var h = new VenueHarness(Background());
        h.Pump();
        long moves = h.Venue.Counters.MidMoves;

        h.Advance(3_600_000_000_000); // an hour: ~3.6 million mid steps if the gap were replayed

        Assert.True(h.Venue.Counters.BackgroundRebases >= 2);
        Assert.True(h.Venue.Counters.MidMoves - moves < 200);
        Assert.Null(h.Venue.ValidateInvariants());
    }
}
