using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;
using Oms.Journal;

namespace Oms.Hosting.Tests;

/// <summary>The parts of the stop that only matter when something is behind: the final drain and late delivery.</summary>
public sealed class StopOrderTests
{
    [Fact]
    public async Task TheEngineThread_AppliesWhatIsStillInTheRing_BeforeItEnds()
    {
        string dir = TestHosts.TempDirectory();
        try
        {
            var engine = new OmsEngine(new OmsEngineOptions { MaxStrategies = 2, MaxVenues = 1, RingCapacity = 256, MaxOrders = 1_024, MaxPositions = 64 });
            // A journal tap of 16 that nobody drains yet holds the engine at 16 messages: the rest wait in the ring.
            using var journal = new JournalWriter(Path.Combine(dir, "j"), 0, new JournalWriterOptions { TapCapacity = 16 });
            engine.AttachInputTap(journal.Tap);
            var faults = new HostFaults(NullLogger.Instance, new NoLifetime(), new OmsRuntime(engine));
            var runner = new EngineRunner(engine, new IdleSettings(IdleStrategyKind.BackOff, 10, 10, 1), -1, faults);
            runner.Start();
            for (int i = 0; i < 100; i++)
            {
                Assert.True(engine.Inbound.TryPublish(new OmsMessage { Kind = MessageKind.Cancel, StrategyId = 1, ClOrdId = IdToken.ForStrategy(1, i + 1) }));
            }

            Assert.True(SpinWait.SpinUntil(() => engine.Counters.Messages == 16, TimeSpan.FromSeconds(30)));
            Task<bool> stop = Task.Run(() => runner.Stop(Deadline.After(TimeSpan.FromSeconds(30))), Ct);
            Assert.True(SpinWait.SpinUntil(() => runner.InFinalDrain, TimeSpan.FromSeconds(30)), "the loop never ended");
            Assert.Equal(84, engine.Inbound.Depth);
            journal.Start(); // the journal catches up; the final drain applies the rest

            Assert.True(await stop.WaitAsync(TimeSpan.FromSeconds(30), Ct));
            Assert.Equal(100, engine.Counters.Messages);
            Assert.Equal(0, engine.Inbound.Depth);
            Assert.False(runner.FinalDrainIncomplete);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task EventsStillQueuedWhenTheEngineStops_AreAllDelivered_BeforeOnStopped()
    {
        OmsRuntime? runtime = null;
        bool first = true;
        var late = new ScriptedStrategy
        {
            // Stuck on its first event until the engine thread has ended: everything else is still in its stream then.
            BeforeEach = _ =>
            {
                if (first)
                {
                    first = false;
                    SpinWait.SpinUntil(() => runtime is { State: OmsRuntimeState.Stopping, EngineRunning: false }, TimeSpan.FromSeconds(30));
                }
            },
        };
        using IHost host = TestHosts.Build(o => (o.StrategyPollLimit, o.StopTimeout) = (4, TimeSpan.FromMilliseconds(200)),
            s => s.AddLoopback().AddOmsStrategy(1, _ => late));
        await host.StartAsync(Ct);
        runtime = host.Runtime();

        await late.Invoke(s => Enumerable.Range(0, 20).Count(i => !s.SubmitLimit(Side.Buy, 100, 10_000 + i).IsNone));
        Assert.True(SpinWait.SpinUntil(() => runtime.Counters.Fills == 20, TimeSpan.FromSeconds(30)));
        await host.StopAsync(Ct);

        StrategyStatus status = runtime.Strategies.Single();
        Assert.Equal(60, status.EventsDelivered);
        Assert.Equal(0, status.MissedEvents);
        Assert.True(status.Completed && late.OnStoppedCalled);
        Assert.Equal(60, late.Events.Count);
    }

    [Fact]
    public async Task WhileStopping_NewOrdersAndReplacesAreRefused_CancelsPass_ThenNothingPasses()
    {
        IdToken resting = default;
        var results = new List<(string What, bool Sent, CommandRefusal Refusal)>();
        var strategy = new ScriptedStrategy
        {
            Stopping = s =>
            {
                results.Add(("submit", !s.SubmitLimit(Side.Buy, 100, 10_000).IsNone, s.LastRefusal));
                results.Add(("replace", !s.ReplaceOrder(resting, 200, 10_001).IsNone, s.LastRefusal));
                results.Add(("cancel", !s.CancelOrder(resting).IsNone, s.LastRefusal));
            },
            Stopped = s => results.Add(("mass cancel after stop", s.MassCancelAll(), s.LastRefusal)),
        };
        using IHost host = TestHosts.Build(services: s => s.AddLoopback(1, fill: _ => false).AddOmsStrategy(1, _ => strategy));
        await host.StartAsync(Ct);
        resting = await strategy.Invoke(s => s.SubmitLimit(Side.Sell, 100, 10_000));
        strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Accepted), "acceptance");
        await host.StopAsync(Ct);

        Assert.Equal(
            [("submit", false, CommandRefusal.HostStopping), ("replace", false, CommandRefusal.HostStopping), ("cancel", true, CommandRefusal.None),
             ("mass cancel after stop", false, CommandRefusal.NotAccepting)],
            results);
        Assert.Equal(EventKind.Canceled, strategy.Events[^1].Kind); // the cancel sent while stopping was drained to its end
        Assert.True(host.Runtime().DrainCompleted);
    }

    [Fact]
    public async Task CommandsLeftInTheQueueOfAVenueNoGatewayServes_MeanTheDrainIsIncomplete()
    {
        var strategy = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s.AddLoopback(1).AddOmsStrategy(1, _ => strategy));
        await host.StartAsync(Ct);
        OmsRuntime runtime = host.Runtime();
        await strategy.Invoke(s => s.SubmitLimit(Side.Buy, 100, 10_000));
        // A producer outside the host sends an order to venue 2, which no gateway here serves: its New waits for good.
        var order = new OmsMessage
        {
            Kind = MessageKind.NewOrder, StrategyId = 1, AccountId = 1, InstrumentId = 1, VenueId = 2, Side = Side.Buy,
            OrderType = OrderType.Limit, TimeInForce = TimeInForce.Day, OrderQty = 100, Price = 10_000, ClOrdId = IdToken.FromString("outside-1"),
        };
        Assert.True(runtime.Engine.Inbound.TryPublish(in order));
        strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Filled) && e.Any(x => x.ClOrdId == order.ClOrdId && x.Kind == EventKind.Submitted), "both answers");
        await host.StopAsync(Ct);

        Assert.Equal(1, runtime.UnsentVenueCommands);
        Assert.False(runtime.DrainCompleted);
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Message.Contains("left 1 command(s)") && r.Message.Contains("1 of them for venues no gateway serves"));
    }

    [Fact]
    public async Task ANewOrderToAVenueNoGatewayServes_IsRefused_AndNothingIsLeftUnsent()
    {
        var strategy = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s.AddLoopback(1).AddOmsStrategy(1, _ => strategy));
        await host.StartAsync(Ct);
        OmsRuntime runtime = host.Runtime();

        (bool Sent, CommandRefusal Refusal)[] results = await strategy.Invoke(s => new[] { 2, 3, 1 }
            .Select(venue => (!s.SubmitLimit(Side.Buy, 100, 10_000, venueId: venue).IsNone, s.LastRefusal)).ToArray());
        strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Filled), "the fill at venue 1");
        await host.StopAsync(Ct);

        Assert.Equal([(false, CommandRefusal.VenueNotServed), (false, CommandRefusal.VenueNotServed), (true, CommandRefusal.None)], results);
        Assert.Equal(1, runtime.Counters.Submitted);
        Assert.Equal(0, runtime.UnsentVenueCommands);
        Assert.True(runtime.DrainCompleted);
    }

    [Theory]
    [InlineData(false, true)]  // always busy with its own market, holds nothing: the stop settles
    [InlineData(true, false)]  // holds reports it never publishes: the stop times out, not settled
    public async Task DrainableGateway_ItsOwnFlagDecidesWhetherTheStopWaits(bool pending, bool settles)
    {
        var gateway = new BusyGateway { Pending = pending };
        using IHost host = TestHosts.Build(o => o.StopTimeout = TimeSpan.FromMilliseconds(500), s => s.AddOmsGateway(_ => gateway));
        await host.StartAsync(Ct);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref gateway.Cycles) > 100, TimeSpan.FromSeconds(30)));
        await host.StopAsync(Ct);

        Assert.Equal(settles, host.Runtime().DrainCompleted);
    }

    /// <summary>A gateway that always reports work (a simulated market ticking) and publishes nothing.</summary>
    private sealed class BusyGateway : Oms.Gateway.IVenueGateway, IDrainableGateway
    {
        public long Cycles;

        public bool Pending { get; init; }

        public int VenueId => 1;

        public bool HasPendingWork => Pending;

        public int DoWork(long nowNanos)
        {
            Interlocked.Increment(ref Cycles);
            return 1;
        }
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
