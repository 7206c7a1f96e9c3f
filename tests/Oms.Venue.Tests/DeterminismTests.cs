using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class DeterminismTests
{
    private static (byte[] Reports, ulong EngineHash, ulong VenueHash) Run(long venueSeed)
    {
        var h = new VenueHarness(RandomTrader.BusyVenue(venueSeed));
        var trader = new RandomTrader(h, seed: 99);
        for (int step = 0; step < 2_000; step++)
        {
            trader.Act();
            h.Advance(7_000 + (step % 5 * 3_000));
        }

        h.Advance(2_000_000);
        return (h.ReportBytes, h.Engine.ComputeStateHash(), h.Venue.ComputeStateHash());
    }

    [Fact]
    public void SameSeedSameCommandsSameClock_ByteIdenticalReportsAndSameStateHashes()
    {
        var a = Run(venueSeed: 5);
        var b = Run(venueSeed: 5);

        Assert.True(a.Reports.Length > 1_000 * 192, "the run produced too few reports to mean anything");
        Assert.Equal(a.Reports, b.Reports);
        Assert.Equal(a.EngineHash, b.EngineHash);
        Assert.Equal(a.VenueHash, b.VenueHash);
    }

    [Fact]
    public void DifferentSeed_DifferentReportsAndState()
    {
        var a = Run(venueSeed: 5);
        var b = Run(venueSeed: 6);

        Assert.NotEqual(a.Reports, b.Reports);
        Assert.NotEqual(a.EngineHash, b.EngineHash);
        Assert.NotEqual(a.VenueHash, b.VenueHash);
    }
}
