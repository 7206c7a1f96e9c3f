using Oms.Client;
using Oms.Domain;

namespace Oms.Venue.Tests.Support;

/// <summary>Two strategies trading at random around the venue's top of book: limits inside and outside the spread, market, IOC, FOK, Day/GTC/GTD, cancels and replaces.</summary>
public sealed class RandomTrader(VenueHarness h, int seed)
{
    private readonly Random _rng = new(seed);

    /// <summary>One random action by one of the two strategies.</summary>
    public void Act()
    {
        OmsClient client = _rng.Next(2) == 0 ? h.Client1 : h.Client2;
        IdToken[] open = [.. client.OpenOrders.Keys.OrderBy(k => k.Value)];
        int roll = _rng.Next(10);
        if (roll < 6 || open.Length == 0)
        {
            Submit(client);
        }
        else if (roll < 8)
        {
            client.TryCancel(open[_rng.Next(open.Length)], out _);
        }
        else
        {
            ClientOrder o = client.OpenOrders[open[_rng.Next(open.Length)]];
            long qty = Math.Max(1, o.OrderQty + _rng.Next(-3, 4));
            long price = o.Price == 0 ? 0 : Math.Max(1, o.Price + _rng.Next(-2, 3));
            client.TryReplace(o.ClOrdId, qty, price, 0, out _);
        }
    }

    private void Submit(OmsClient client)
    {
        Assert.True(h.Venue.TryGetTopOfBook(VenueHarness.Instrument, out var top));
        Side side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
        long price = top.Mid + _rng.Next(-4, 5);
        int kind = _rng.Next(12);
        (OrderType type, TimeInForce tif) = kind switch
        {
            0 => (OrderType.Market, TimeInForce.Day),
            1 => (OrderType.Limit, TimeInForce.ImmediateOrCancel),
            2 => (OrderType.Limit, TimeInForce.FillOrKill),
            3 or 4 => (OrderType.Limit, TimeInForce.Day),
            5 => (OrderType.Limit, TimeInForce.GoodTillDate),
            _ => (OrderType.Limit, TimeInForce.GoodTillCancel),
        };
        long expire = tif == TimeInForce.GoodTillDate ? h.Now + _rng.Next(10_000, 2_000_000) : 0;
        var request = new NewOrderRequest(VenueHarness.Account, VenueHarness.Instrument, VenueHarness.VenueId, side, type, tif,
            1 + _rng.Next(8), type == OrderType.Market ? 0 : Math.Max(1, price), ExpireTime: expire);
        client.TrySubmit(in request, out _);
    }

    /// <summary>A busy venue: background flow, latency with jitter and every fault at a moderate rate.</summary>
    public static SimVenueOptions BusyVenue(long seed) => new()
    {
        Seed = seed,
        Instruments = [new SimInstrumentOptions { InstrumentId = VenueHarness.Instrument, InitialMid = 10_000, TickSize = 1, LotSize = 1 }],
        AckLatencyNanos = 20_000,
        AckJitterNanos = 10_000,
        FillLatencyNanos = 15_000,
        FillJitterNanos = 10_000,
        SessionEndNanos = VenueHarness.Start + 40_000_000,
        SessionLengthNanos = 40_000_000,
        MidStepIntervalNanos = 200_000,
        AggressorIntervalNanos = 150_000,
        RejectProbability = 0.03,
        UnsolicitedCancelProbability = 0.05,
        UnsolicitedCancelDelayNanos = 500_000,
        DuplicateProbability = 0.05,
        OutOfOrderProbability = 0.2,
        BustProbability = 0.03,
        CorrectionProbability = 0.03,
        BustDelayNanos = 300_000,
    };
}
