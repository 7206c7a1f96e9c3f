using Oms.Engine;
using Oms.Ring;

namespace Oms.Tests.Engine;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("MaxOrders")]
    [InlineData("RingCapacity")]
    [InlineData("DrainLimit")]
    [InlineData("StrategyEventCapacity")]
    [InlineData("MaxVenues")]
    [InlineData("InboundProducers")]
    [InlineData("RowPrefetchMinRows")]
    [InlineData("PositionCheckpointInterval")]
    [InlineData("MaxExecIds")]
    [InlineData("MaxClOrdIds")]
    [InlineData("MaxOrders ")]
    public void Constructor_BadOption_ThrowsNamingTheSetting(string setting)
    {
        var options = new OmsEngineOptions();
        switch (setting)
        {
            case "MaxOrders": options.MaxOrders = 0; break;
            case "RingCapacity": options.RingCapacity = 1000; break;
            case "DrainLimit": options.DrainLimit = 0; break;
            case "StrategyEventCapacity": options.StrategyEventCapacity = 3; break;
            case "MaxVenues": options.MaxVenues = 0; break;
            case "InboundProducers": options.InboundProducers = (ProducerMode)7; break;
            case "RowPrefetchMinRows": options.RowPrefetchMinRows = -1; break;
            case "PositionCheckpointInterval": options.PositionCheckpointInterval = 48; break;
            // Past what an index can hold: twice as many buckets would overflow an int.
            case "MaxExecIds": options.MaxExecIds = 1_500_000_000; break;
            case "MaxClOrdIds": options.MaxClOrdIds = (1 << 29) + 1; break;
            // Its default id capacities (8 × for ExecIDs) would overflow with it.
            case "MaxOrders ": options.MaxOrders = 300_000_000; break;
        }

        var e = Assert.Throws<ArgumentException>(() => new OmsEngine(options));
        Assert.Contains(setting.Trim(), e.Message);
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Null(new OmsEngineOptions().Validate());

    [Fact]
    public void Validate_LargestOrderTable_ItsDefaultIdCapacitiesFitTheirIndexes()
    {
        var options = new OmsEngineOptions { MaxOrders = OmsEngineOptions.MaxOrdersLimit };
        Assert.Null(options.Validate());
        Assert.Equal(Oms.Tables.TokenIndex.MaxEntriesLimit, 8 * options.MaxOrders);
    }

    [Fact]
    public void TokenIndex_MoreEntriesThanItsBucketsCanCount_Refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Oms.Tables.TokenIndex(Oms.Tables.TokenIndex.MaxEntriesLimit + 1));
        Assert.Contains("maxEntries", e.Message);
    }
}
