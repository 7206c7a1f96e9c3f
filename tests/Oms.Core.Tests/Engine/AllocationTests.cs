using Oms.Engine;
using Oms.Reference;

namespace Oms.Tests.Engine;

/// <summary>
/// DESIGN rule 3: after warm-up the engine allocates 0 bytes per event on its thread. Messages are
/// generated before measuring; the measured loop publishes into the ring, runs the duty cycle and drains
/// every output queue, all on this thread.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(int.MaxValue)] // index lines prefetched only
    [InlineData(0)]            // order rows prefetched too
    public void DoWork_MillionMixedMessagesAfterWarmUp_AllocatesZeroBytes(int rowPrefetchMinRows)
    {
        const int WarmUp = 200_000;
        const int Measured = 1_000_000;
        var options = new OmsEngineOptions
        {
            MaxOrders = 262_144,
            MaxPositions = 4_096,
            MaxStrategies = 4,
            MaxAccounts = 4,
            MaxInstruments = 8,
            MaxVenues = 2,
            RingCapacity = 4_096,
            StrategyEventCapacity = 4_096,
            VenueQueueCapacity = 4_096,
            AnomalyCapacity = 4_096,
            RowPrefetchMinRows = rowPrefetchMinRows,
        };
        var engine = new OmsEngine(options);
        for (int s = 1; s <= options.MaxStrategies; s++)
        {
            engine.OpenStrategyStream(s);
        }

        OmsMessage[] stream = new StreamGenerator(5).Generate(WarmUp + Measured);
        Run(engine, stream.AsSpan(0, WarmUp));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int gcBefore = GC.CollectionCount(0);
        Run(engine, stream.AsSpan(WarmUp, Measured));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{Measured} messages: {allocated} bytes allocated, {GC.CollectionCount(0) - gcBefore} gen0 GCs; " +
            $"fills {engine.Counters.Fills}, duplicates {engine.Counters.Duplicates}, anomalies {engine.Counters.Anomalies}, orders {engine.Orders.Count}");
        Assert.Equal(WarmUp + Measured, engine.Counters.Messages);
        Assert.True(engine.Counters.Fills > 100_000 && engine.Counters.Duplicates > 10_000, "the mix must exercise fills and duplicates");
        Assert.Equal(0, allocated);
    }

    private static void Run(OmsEngine engine, ReadOnlySpan<OmsMessage> messages)
    {
        foreach (ref readonly OmsMessage m in messages)
        {
            while (!engine.Inbound.TryPublish(in m))
            {
                engine.DoWork();
            }

            if (engine.Inbound.Depth >= 256)
            {
                engine.DoWork();
                Drain(engine);
            }
        }

        while (engine.DoWork() > 0)
        {
        }

        Drain(engine);
    }

    private static void Drain(OmsEngine engine)
    {
        for (int s = 1; s <= engine.Options.MaxStrategies; s++)
        {
            var q = engine.OpenStrategyStream(s);
            while (q.TryRead(out _))
            {
            }
        }

        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            var q = engine.VenueQueue(v);
            while (q.TryRead(out _))
            {
            }
        }

        while (engine.Anomalies.TryRead(out _))
        {
        }
    }
}
