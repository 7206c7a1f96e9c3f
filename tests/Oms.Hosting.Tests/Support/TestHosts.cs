using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Oms.Engine;

namespace Oms.Hosting.Tests.Support;

/// <summary>Builds small hosts for the tests: small capacities, back-off idling (2-core machine), fake logging.</summary>
internal static class TestHosts
{
    /// <summary>The running test's cancellation token.</summary>
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static void SmallEngine(OmsOptions o)
    {
        o.MaxOrders = 4_096;
        o.MaxPositions = 256;
        o.MaxStrategies = 8;
        o.MaxAccounts = 8;
        o.MaxInstruments = 8;
        o.MaxVenues = 2;
        o.RingCapacity = 1_024;
        o.StrategyEventCapacity = 4_096;
        o.VenueQueueCapacity = 1_024;
        o.AnomalyCapacity = 1_024;
        o.IdleStrategy = IdleStrategyKind.BackOff;
        o.GatewayIdleStrategy = IdleStrategyKind.BackOff;
        o.StrategyIdleStrategy = IdleStrategyKind.BackOff;
        o.BackOffSpins = 10;
        o.BackOffYields = 10;
        o.BackOffParkMilliseconds = 1;
        o.StopTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>A host whose Oms options come from code (<paramref name="configure"/> after <see cref="SmallEngine"/>).</summary>
    public static IHost Build(Action<OmsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        HostApplicationBuilder builder = Empty();
        builder.Services.AddOms(o =>
        {
            SmallEngine(o);
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>A host whose Oms options are bound from configuration keys (for example <c>Oms:RingCapacity</c>).</summary>
    public static IHost FromConfiguration(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        HostApplicationBuilder builder = Empty();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOms(builder.Configuration);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static IServiceCollection AddLoopback(this IServiceCollection services, int venueId = 1, Func<Engine.VenueCommand, bool>? fill = null) =>
        services.AddOmsGateway(sp => new LoopbackGateway(sp.GetRequiredService<OmsEngine>(), venueId) { FillPolicy = fill ?? (_ => true) });

    public static LoopbackGateway Loopback(this IHost host, int venueId = 1) =>
        host.Services.GetServices<Gateway.IVenueGateway>().OfType<LoopbackGateway>().Single(g => g.VenueId == venueId);

    public static OmsRuntime Runtime(this IHost host) => host.Services.GetRequiredService<OmsRuntime>();

    public static T Strategy<T>(this IHost host, int strategyId) where T : OmsStrategy =>
        (T)host.Runtime().Strategies.Single(s => s.StrategyId == strategyId).Strategy;

    public static FakeLogCollector Logs(this IHost host) => host.Services.GetFakeLogCollector();

    /// <summary>A fresh temporary directory for a journal, deleted by the caller.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "oms-hosting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static HostApplicationBuilder Empty()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFakeLogging(o => o.OutputSink = null);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug));
        return builder;
    }
}
