using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void SteadyState_DutyCyclesAllocateNothing()
    {
        var h = new VenueHarness(RandomTrader.BusyVenue(3));
        var trader = new RandomTrader(h, 4);
        for (int step = 0; step < 5_000; step++)
        {
            trader.Act();
            h.Advance(9_000);
        }

        long reportsBefore = h.Venue.Counters.ReportsPublished;
        h.VenueAllocatedBytes = 0;
        for (int step = 0; step < 5_000; step++)
        {
            trader.Act();
            h.Advance(9_000);
        }

        Assert.True(h.Venue.Counters.ReportsPublished - reportsBefore > 5_000, "the measured phase must do real work");
        Assert.Equal(0, h.VenueAllocatedBytes);
    }
}
