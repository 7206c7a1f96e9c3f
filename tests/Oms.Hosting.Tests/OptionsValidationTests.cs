using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Oms.Engine;
using Oms.Hosting.Tests.Support;
using Oms.Journal;

namespace Oms.Hosting.Tests;

public sealed class OptionsValidationTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Oms:MaxOrders"] = "1024",
        ["Oms:MaxPositions"] = "64",
        ["Oms:MaxStrategies"] = "4",
        ["Oms:MaxInstruments"] = "16",
        ["Oms:MaxAccounts"] = "16",
        ["Oms:RingCapacity"] = "256",
        ["Oms:StrategyEventCapacity"] = "256",
        ["Oms:VenueQueueCapacity"] = "256",
        ["Oms:AnomalyCapacity"] = "256",
        ["Oms:IdleStrategy"] = "BackOff",
    };

    [Theory]
    [InlineData("Oms:RingCapacity", "1000")]
    [InlineData("Oms:RingCapacity", "0")]
    [InlineData("Oms:MaxOrders", "0")]
    [InlineData("Oms:MaxStrategies", "-3")]
    [InlineData("Oms:MaxVenues", "5000")]
    [InlineData("Oms:StrategyEventCapacity", "100")]
    [InlineData("Oms:VenueQueueCapacity", "3")]
    [InlineData("Oms:AnomalyCapacity", "12")]
    [InlineData("Oms:MaxClOrdIds", "10")]
    [InlineData("Oms:MaxClOrdIds", "1500000000")]
    [InlineData("Oms:MaxExecIds", "1500000000")]
    [InlineData("Oms:MaxOrders", "100000000")]
    [InlineData("Oms:RowPrefetchMinRows", "-1")]
    [InlineData("Oms:PositionCheckpointInterval", "0")]
    [InlineData("Oms:PositionCheckpointInterval", "48")]
    [InlineData("Oms:EngineCpu", "-2")]
    [InlineData("Oms:EngineCpu", "4096")]
    [InlineData("Oms:IdleStrategy", "7")]
    [InlineData("Oms:GatewayIdleStrategy", "9")]
    [InlineData("Oms:BackOffParkMilliseconds", "1000")]
    [InlineData("Oms:StrategyPollLimit", "0")]
    [InlineData("Oms:StopTimeout", "00:00:00")]
    [InlineData("Oms:StopTimeout", "02:00:00")]
    [InlineData("Oms:Journal:TapCapacity", "1000")]
    [InlineData("Oms:Journal:BatchRecords", "0")]
    [InlineData("Oms:Journal:Durability", "9")]
    [InlineData("Oms:HugePages", "maybe")]
    [InlineData("Oms:LogAnomalies", "yes please")]
    [InlineData("Oms:MaxOrders", "lots")]
    [InlineData("Oms:EngineCpu", "first")]
    [InlineData("Oms:IdleStrategy", "Sleepy")]
    [InlineData("Oms:StopTimeout", "soon")]
    [InlineData("Oms:Journal:BatchRecords", "1e3")]
    public async Task BadValue_RefusesToStart_AndNamesTheSetting(string key, string value)
    {
        Dictionary<string, string?> settings = Valid();
        settings[key] = value;
        bool strategyCreated = false;
        using IHost host = TestHosts.FromConfiguration(settings, s => s.AddOmsStrategy(1, _ =>
        {
            strategyCreated = true;
            return new ScriptedStrategy();
        }));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(key, e.Message);
        Assert.False(strategyCreated, "nothing of Oms may start when its options are bad");
    }

    [Fact]
    public async Task ValidConfiguration_IsBound_AndMapsOntoTheEngine()
    {
        Dictionary<string, string?> settings = Valid();
        settings["Oms:DrainLimit"] = "64";
        settings["Oms:RowPrefetchMinRows"] = "0";
        settings["Oms:PositionCheckpointInterval"] = "16";
        settings["Oms:HugePages"] = "false";
        settings["Oms:Journal:Durability"] = "PerRecord";
        settings["Oms:StopTimeout"] = "00:00:05";
        using IHost host = TestHosts.FromConfiguration(settings);

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        OmsOptions o = host.Services.GetRequiredService<IOptions<OmsOptions>>().Value;
        Assert.Equal(JournalDurability.PerRecord, o.Journal.Durability);
        Assert.Equal(TimeSpan.FromSeconds(5), o.StopTimeout);
        OmsEngineOptions engine = host.Services.GetRequiredService<OmsEngine>().Options;
        Assert.Equal(256, engine.RingCapacity);
        Assert.Equal(0, engine.RowPrefetchMinRows);
        Assert.Equal(16, engine.PositionCheckpointInterval);
        Assert.False(engine.HugePages);
        Assert.Equal(1024, engine.MaxOrders);
        Assert.Equal(64, engine.DrainLimit);
        Assert.Equal(OmsRuntimeState.Stopped, host.Runtime().State);
    }

    [Fact]
    public async Task CodeOverload_IsValidatedToo()
    {
        using IHost host = TestHosts.Build(o => o.RingCapacity = 48);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Oms:RingCapacity must be a power of two in 2..1073741824 (was 48)", e.Message);
    }

    [Fact]
    public async Task SeveralBadValues_AreAllNamed()
    {
        using IHost host = TestHosts.Build(o =>
        {
            o.RingCapacity = 48;
            o.MaxOrders = 0;
            o.Journal.TapCapacity = 5;
        });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Oms:RingCapacity", e.Message);
        Assert.Contains("Oms:MaxOrders", e.Message);
        Assert.Contains("Oms:Journal:TapCapacity", e.Message);
    }

    [Fact]
    public async Task StrategyIdOutsideTheEngine_RefusesToStart()
    {
        using IHost host = TestHosts.Build(o => o.MaxStrategies = 2, s => s.AddOmsStrategy(3, _ => new ScriptedStrategy()));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("strategy id 3", e.Message);
        Assert.Contains("Oms:MaxStrategies", e.Message);
    }

    [Fact]
    public async Task DuplicateStrategyId_RefusesToStart()
    {
        using IHost host = TestHosts.Build(services: s => s
            .AddOmsStrategy(1, _ => new ScriptedStrategy())
            .AddOmsStrategy(1, _ => new ScriptedStrategy()));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("registered twice", e.Message);
    }

    [Fact]
    public async Task TwoGatewaysForOneVenue_RefuseToStart()
    {
        using IHost host = TestHosts.Build(services: s => s.AddLoopback(1).AddLoopback(1));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("venue 1", e.Message);
    }

    [Fact]
    public async Task ExistingJournal_RefusesToStart_UnlessOverwrite()
    {
        string dir = TestHosts.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "oms.journal");
            await File.WriteAllBytesAsync(path, new byte[64], Ct);
            using (IHost host = TestHosts.Build(o => o.Journal.Path = path))
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));
                Assert.Contains("Oms:Journal:Path", e.Message);
                Assert.Contains("Oms:Journal:Overwrite", e.Message);
            }

            using (IHost host = TestHosts.Build(o => (o.Journal.Path, o.Journal.Overwrite) = (path, true)))
            {
                await host.StartAsync(Ct);
                await host.StopAsync(Ct);
                Assert.Equal(JournalFault.None, JournalReader.Read(path).Fault);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
