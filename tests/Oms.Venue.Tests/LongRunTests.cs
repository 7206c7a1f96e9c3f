using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class LongRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomTradingWithEveryFault_InvariantsHold_EngineAndVenueAgree(int seed)
    {
        var h = new VenueHarness(RandomTrader.BusyVenue(seed));
        var trader = new RandomTrader(h, seed + 1_000);
        for (int step = 1; step <= 20_000; step++)
        {
            trader.Act();
            h.Advance(5_000 + (step % 7 * 2_000));
            if (step % 1_000 == 0)
            {
                Check(h, step);
            }
        }

        CancelEverythingAndSettle(h);

        Assert.Null(h.Venue.ValidateInvariants());
        Assert.Null(h.Engine.ValidateInvariants());
        Assert.DoesNotContain(h.Venue.SnapshotRestingOrders(), o => !o.IsBackground);
        List<OrderView> orders = h.Engine.SnapshotOrders();
        Assert.DoesNotContain(orders, o => o.Status.IsLive());
        Assert.Equal(h.Venue.Counters.OmsFilledQuantity, orders.Sum(o => o.CumQty));
        Assert.Equal(h.Venue.Counters.ReportsQueued, h.Venue.Counters.ReportsPublished);
        // Every fault kind happened, and the engine saw each one.
        SimVenueCounters v = h.Venue.Counters;
        Assert.All(new[] { v.InjectedRejects, v.InjectedUnsolicitedCancels, v.InjectedDuplicates, v.InjectedOutOfOrder, v.InjectedBusts, v.InjectedCorrections },
            n => Assert.True(n > 0));
        Assert.Equal(v.InjectedDuplicates, h.Engine.Counters.Duplicates);
        Assert.Equal(v.InjectedBusts, h.Engine.Counters.Busts);
        Assert.Equal(v.InjectedCorrections, h.Engine.Counters.Corrections);
        Assert.Equal(v.Rejected, h.Engine.Counters.Rejected);
        Assert.Equal(0, h.Engine.Counters.ByReason(RejectReason.UnknownOrderReport));
        Assert.Equal(0, h.Engine.Counters.ByReason(RejectReason.UnknownExecRef));
        Assert.Equal(0, h.Engine.Counters.ByReason(RejectReason.InvalidTransition));
        Assert.Equal(0, h.Engine.Counters.ByReason(RejectReason.Overfill));
    }

    /// <summary>Both sides' invariants, and every OMS order resting at the venue is live in the engine with at most the venue's fills.</summary>
    private static void Check(VenueHarness h, int step)
    {
        Assert.True(h.Venue.ValidateInvariants() is null, $"step {step}: {h.Venue.ValidateInvariants()}");
        Assert.True(h.Engine.ValidateInvariants() is null, $"step {step}: {h.Engine.ValidateInvariants()}");
        foreach (SimRestingOrder resting in h.Venue.SnapshotRestingOrders().Where(o => !o.IsBackground))
        {
            Assert.True(h.Engine.TryGetOrder(resting.ClOrdId, out OrderView o), $"step {step}: the engine does not know {resting.ClOrdId}");
            Assert.True(o.Status.IsLive(), $"step {step}: {resting.ClOrdId} rests at the venue but is {o.Status} in the engine");
            Assert.True(o.CumQty <= resting.CumQty + resting.OrderQty, $"step {step}: {resting.ClOrdId} over-counted");
        }
    }

    /// <summary>Mass-cancels until no OMS order is live, then waits out every bust, correction and report.</summary>
    private static void CancelEverythingAndSettle(VenueHarness h)
    {
        for (int round = 0; round < 50 && h.Engine.SnapshotOrders().Any(o => o.Status.IsLive()); round++)
        {
            h.Client1.TryMassCancel();
            h.Client2.TryMassCancel();
            h.Advance(200_000);
        }

        h.Advance(5_000_000);
    }
}
