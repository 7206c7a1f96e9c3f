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
        }

        var e = Assert.Throws<ArgumentException>(() => new OmsEngine(options));
        Assert.Contains(setting, e.Message);
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Null(new OmsEngineOptions().Validate());
}
