using Microsoft.Extensions.Hosting;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;

namespace Oms.Hosting.Tests;

public sealed class SlowStrategyTests
{
    [Fact]
    public async Task AStuckStrategy_StallsNeitherTheEngineNorAnotherStrategy()
    {
        using var release = new ManualResetEventSlim();
        var fast = new ScriptedStrategy();
        var slow = new ScriptedStrategy { BeforeEach = _ => release.Wait() };
        using IHost host = TestHosts.Build(services: s => s.AddLoopback().AddOmsStrategy(1, _ => fast).AddOmsStrategy(2, _ => slow));
        await host.StartAsync(Ct);
        OmsRuntime runtime = host.Runtime();
        StrategyStatus slowStatus = runtime.Strategies.Single(s => s.StrategyId == 2);
        try
        {
            await slow.Invoke(s => s.SubmitLimit(Side.Buy, 100, 10_000));
            Assert.True(SpinWait.SpinUntil(() => slowStatus.EventsDelivered == 1, TimeSpan.FromSeconds(30)), "the slow strategy never took its first event");

            // The slow strategy is now stuck inside a callback. Everyone else carries on.
            await fast.Invoke(s => Enumerable.Range(0, 100).Count(i => !s.SubmitLimit(Side.Sell, 100, 10_000 + i).IsNone));
            fast.WaitFor(e => e.Count(x => x.Kind == EventKind.Filled) == 100, "the fast strategy's 100 fills");
            Assert.True(SpinWait.SpinUntil(() => runtime.Counters.Fills == 101, TimeSpan.FromSeconds(30)), "the engine did not apply every fill");

            Assert.Equal(1, slowStatus.EventsDelivered);
            Assert.Equal(0, runtime.Counters.DroppedEvents);
        }
        finally
        {
            release.Set();
        }

        await host.StopAsync(Ct);
        Assert.Equal([EventKind.Submitted, EventKind.Accepted, EventKind.Filled], slow.Events.Select(e => e.Kind));
        Assert.Equal(0, slowStatus.MissedEvents);
        Assert.True(slowStatus.Completed);
        Assert.True(runtime.DrainCompleted);
    }

    [Fact]
    public async Task AStrategyFarBehind_LosesOnlyItsOwnEvents_CountedAndVisible()
    {
        using var release = new ManualResetEventSlim();
        var fast = new ScriptedStrategy();
        var slow = new ScriptedStrategy();
        using IHost host = TestHosts.Build(o => o.StrategyEventCapacity = 16,
            s => s.AddLoopback().AddOmsStrategy(1, _ => fast).AddOmsStrategy(2, _ => slow));
        await host.StartAsync(Ct);
        OmsRuntime runtime = host.Runtime();
        StrategyStatus slowStatus = runtime.Strategies.Single(s => s.StrategyId == 2);
        Task<int> stuck;
        try
        {
            // 20 orders = 60 events, and the strategy stays stuck in its own callback: its stream holds 16, 44 overflow.
            stuck = slow.Invoke(s =>
            {
                int sent = Enumerable.Range(0, 20).Count(i => !s.SubmitLimit(Side.Buy, 100, 10_000 + i).IsNone);
                release.Wait();
                return sent;
            });
            Assert.True(SpinWait.SpinUntil(() => runtime.Counters.Fills == 20, TimeSpan.FromSeconds(30)), "the engine did not apply every fill");
            await fast.Invoke(s => Enumerable.Range(0, 5).Count(i => !s.SubmitLimit(Side.Sell, 100, 10_000 + i).IsNone));
            fast.WaitFor(e => e.Count(x => x.Kind == EventKind.Filled) == 5, "the fast strategy's fills");
            Assert.Equal(44, runtime.Counters.DroppedEvents);
            Assert.Equal(0, slowStatus.EventsDelivered);
        }
        finally
        {
            release.Set();
        }

        Assert.Equal(20, await stuck);
        // The gap shows as soon as the strategy hears anything newer than what its stream kept.
        await slow.Invoke(s => s.SubmitLimit(Side.Buy, 100, 9_000));
        slow.WaitFor(e => e.Any(x => x.Price == 9_000), "the newer event");
        Assert.Equal(44, await slow.Invoke(s => s.Missed));
        await host.StopAsync(Ct);

        Assert.Equal(44, slowStatus.MissedEvents);
        Assert.Equal(16 + 3, slowStatus.EventsDelivered);
        Assert.Equal(slowStatus.LastSequence, slowStatus.EventsDelivered + slowStatus.MissedEvents);
        Assert.Equal(0, runtime.Strategies.Single(s => s.StrategyId == 1).MissedEvents);
        Assert.Equal(26, runtime.Counters.Fills);
    }

    [Fact]
    public async Task EventsDroppedAtTheTailOfAStream_AreVisibleToTheStrategy()
    {
        using var release = new ManualResetEventSlim();
        long missedWhenStopped = -1;
        var slow = new ScriptedStrategy { Stopped = s => missedWhenStopped = s.Missed };
        using IHost host = TestHosts.Build(o => o.StrategyEventCapacity = 16, s => s.AddLoopback().AddOmsStrategy(1, _ => slow));
        await host.StartAsync(Ct);
        OmsRuntime runtime = host.Runtime();
        StrategyStatus status = runtime.Strategies.Single();
        Task<int> stuck = slow.Invoke(s =>
        {
            int sent = Enumerable.Range(0, 20).Count(i => !s.SubmitLimit(Side.Buy, 100, 10_000 + i).IsNone);
            release.Wait();
            return sent;
        });
        try
        {
            Assert.True(SpinWait.SpinUntil(() => runtime.Counters.Fills == 20, TimeSpan.FromSeconds(30)), "the engine did not apply every fill");
            Assert.Equal(44, runtime.Counters.DroppedEvents);
        }
        finally
        {
            release.Set();
        }

        Assert.Equal(20, await stuck);
        // Nothing newer ever arrives: the gap shows only because the stop tells the strategy where its stream ended.
        await host.StopAsync(Ct);

        Assert.Equal(16, status.EventsDelivered);
        Assert.Equal(44, status.MissedEvents);
        Assert.Equal(44, missedWhenStopped);
        Assert.False(runtime.DrainCompleted);
    }
}
