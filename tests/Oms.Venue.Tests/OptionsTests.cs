using Oms.Venue.Tests.Support;

namespace Oms.Venue.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_WithOneInstrument_AreValid()
    {
        var options = new SimVenueOptions { Instruments = [new SimInstrumentOptions { InstrumentId = 1, InitialMid = 10_000 }] };
        Assert.Null(options.Validate());
    }

    [Theory]
    [InlineData("Instruments", "no instruments")]
    [InlineData("Instruments[0].TickSize", "tick 0")]
    [InlineData("Instruments[0].LotSize", "lot -1")]
    [InlineData("Instruments[0].InitialMid", "mid off the grid")]
    [InlineData("Instruments[1].InstrumentId", "listed twice")]
    [InlineData("AckLatencyNanos", "negative latency")]
    [InlineData("DuplicateProbability", "probability above 1")]
    [InlineData("BustProbability", "NaN probability")]
    [InlineData("BustDelayNanos", "zero bust delay")]
    [InlineData("MaxOrders", "no rows")]
    public void Validate_NamesTheBadSetting(string setting, string change)
    {
        var options = new SimVenueOptions { Instruments = [new SimInstrumentOptions { InstrumentId = 1, InitialMid = 10_000, TickSize = 5 }] };
        switch (change)
        {
            case "no instruments": options.Instruments.Clear(); break;
            case "tick 0": options.Instruments[0].TickSize = 0; break;
            case "lot -1": options.Instruments[0].LotSize = -1; break;
            case "mid off the grid": options.Instruments[0].InitialMid = 10_001; break;
            case "listed twice": options.Instruments.Add(new SimInstrumentOptions { InstrumentId = 1, InitialMid = 100 }); break;
            case "negative latency": options.AckLatencyNanos = -1; break;
            case "probability above 1": options.DuplicateProbability = 1.5; break;
            case "NaN probability": options.BustProbability = double.NaN; break;
            case "zero bust delay": options.BustDelayNanos = 0; break;
            case "no rows": options.MaxOrders = 0; break;
        }

        string? problem = options.Validate();

        Assert.NotNull(problem);
        Assert.StartsWith(setting, problem);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithTheProblem()
    {
        var options = new SimVenueOptions();
        var e = Assert.Throws<ArgumentException>(() => new DirectVenue(options));
        Assert.Contains("Instruments", e.Message);
    }

    [Fact]
    public void Constructor_CopiesTheOptions_LaterChangesDoNotLeakIn()
    {
        SimVenueOptions options = VenueHarness.Quiet();
        var v = new DirectVenue(options);
        options.RejectProbability = 1;
        options.Instruments[0].LotSize = 7;

        var reports = v.Send(v.New(Oms.Domain.Side.Buy, 10, 10_000));

        Assert.Equal(Oms.Domain.ExecType.New, Assert.Single(reports).ExecType);
    }
}
