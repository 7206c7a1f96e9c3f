using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;
using Oms.Journal;
using Microsoft.Extensions.Hosting;

namespace Oms.Hosting.Tests;

public sealed class GracefulShutdownTests
{
    [Theory]
    [InlineData(JournalDurability.None)]
    [InlineData(JournalDurability.Batched)]
    public async Task StopMidFlow_AppliesEveryMessage_DeliversEveryEvent_JournalsEveryInput(JournalDurability durability)
    {
        string dir = TestHosts.TempDirectory();
        try
        {
            string journalPath = Path.Combine(dir, "session", "oms.journal");
            var flows = new[] { new FlowStrategy(3_000), new FlowStrategy(3_000) };
            using IHost host = TestHosts.Build(
                o =>
                {
                    o.MaxOrders = 16_384;
                    o.Journal.Path = journalPath;
                    o.Journal.Durability = durability;
                },
                s => s.AddLoopback(1, fill: c => c.OrderQty == 300)
                    .AddOmsStrategy(1, _ => flows[0])
                    .AddOmsStrategy(2, _ => flows[1]));
            await host.StartAsync(Ct);
            OmsRuntime runtime = host.Runtime();
            OmsEngine engine = runtime.Engine;

            // Mid-flow: the strategies are still submitting when the stop begins.
            Assert.True(SpinWait.SpinUntil(() => engine.Counters.Messages >= 2_000, TimeSpan.FromSeconds(60)), "traffic did not start");
            await host.StopAsync(Ct);

            Assert.Equal(OmsRuntimeState.Stopped, runtime.State);
            Assert.Null(runtime.Fault);
            Assert.True(runtime.DrainCompleted);
            Assert.All(flows, f => Assert.True(f.Submitted < 3_000, "the stop should come while strategies still submit"));

            // Every message published into the ring was applied.
            LoopbackGateway venue = host.Loopback();
            long published = flows.Sum(f => f.Published) + venue.Published;
            Assert.Equal(0, engine.Inbound.Depth);
            Assert.Equal(published, engine.InputSequence);
            Assert.Equal(0, runtime.UnsentVenueCommands);

            // Stop accepting: OnStopping ran, a new order was refused there, cancels still passed.
            Assert.All(flows, f =>
            {
                Assert.True(f.OnStoppingCalled && f.OnStoppedCalled);
                Assert.Contains(CommandRefusal.HostStopping, f.Refusals);
            });

            // Every event the engine emitted reached its strategy, the last ones included.
            Assert.Equal(0, engine.Counters.DroppedEvents);
            foreach (StrategyStatus status in runtime.Strategies)
            {
                Assert.True(status.Completed);
                Assert.Equal(0, status.MissedEvents);
                Assert.Equal(status.LastSequence, status.EventsDelivered);
            }

            AssertEveryOrderEndedAsItsOwnerSawIt(engine, flows);

            // The journal holds exactly the applied inputs, and replaying it gives the live state.
            Assert.Equal(Path.GetFullPath(journalPath), runtime.JournalPath);
            Assert.Equal(engine.InputSequence - 1, runtime.JournalDurableSequence);
            JournalReadResult read = JournalReader.Read(journalPath);
            Assert.Equal(JournalFault.None, read.Fault);
            Assert.Equal(0, read.FirstSequence);
            Assert.Equal(engine.InputSequence, read.Records);
            var replayed = new OmsEngine(engine.Options);
            JournalReader.Read(journalPath, (long _, in OmsMessage m) =>
            {
                replayed.Apply(in m);
                DiscardOutputs(replayed); // as the live gateways did: a full venue queue would deny orders the live run sent
            });
            Assert.Equal(engine.ComputeStateHash(), runtime.FinalStateHash);
            Assert.Equal(runtime.FinalStateHash, replayed.ComputeStateHash());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task StopWithNothingRunning_IsClean()
    {
        using IHost host = TestHosts.Build(services: s => s.AddLoopback());
        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        OmsRuntime runtime = host.Runtime();
        Assert.Equal(OmsRuntimeState.Stopped, runtime.State);
        Assert.True(runtime.DrainCompleted);
        Assert.Equal(0, runtime.InputSequence);
        Assert.Equal(new OmsEngine(runtime.Engine.Options).ComputeStateHash(), runtime.FinalStateHash);
        Assert.True(runtime.Stopped.IsCompleted);
    }

    private static void DiscardOutputs(OmsEngine engine)
    {
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            while (engine.VenueQueue(v).TryRead(out _))
            {
            }
        }

        while (engine.Anomalies.TryRead(out _))
        {
        }
    }

    private static void AssertEveryOrderEndedAsItsOwnerSawIt(OmsEngine engine, FlowStrategy[] flows)
    {
        var lastSeen = new Dictionary<OrderId, OmsEvent>();
        foreach (FlowStrategy f in flows)
        {
            foreach (OmsEvent e in f.Events)
            {
                if (!e.OrderId.IsNone)
                {
                    lastSeen[e.OrderId] = e;
                }
            }
        }

        List<OrderView> orders = engine.SnapshotOrders();
        Assert.NotEmpty(orders);
        foreach (OrderView o in orders)
        {
            Assert.True(lastSeen.TryGetValue(o.OrderId, out OmsEvent last), $"order {o.ClOrdId}: its owner never heard of it");
            Assert.Equal(o.StrategyId, last.StrategyId);
            Assert.Equal(o.Status, last.Status);
            Assert.Equal(o.CumQty, last.CumQty);
            Assert.Equal(o.LeavesQty, last.LeavesQty);
            Assert.Equal(o.ClOrdId, last.ClOrdId);
        }
    }
}
