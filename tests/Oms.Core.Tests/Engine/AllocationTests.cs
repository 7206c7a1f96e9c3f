using Oms.Engine;
using Oms.Reference;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>
/// DESIGN rule 3: after warm-up the engine allocates 0 bytes per event on its thread. Messages are
/// generated before measuring; the measured loop publishes into the ring, runs the duty cycle and drains
/// every output queue, all on this thread.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    /// <summary>What the runtime may allocate once on a measured thread (see the million-message test).</summary>
    private const long MaxOneOffBytes = 8 * 1024;

    [Theory]
    [InlineData(int.MaxValue)] // index lines prefetched only
    [InlineData(0)]            // order rows prefetched too
    public void DoWork_MillionMixedMessagesAfterWarmUp_AllocatesNothingPerMessage(int rowPrefetchMinRows)
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

        OmsMessage[] stream = new StreamGenerator(5).Generate((2 * WarmUp) + Measured);
        // Two warm-up passes with a pause between: the runtime promotes hot methods to optimised code on a background
        // thread after a delay (100 ms by default), and the second pass runs the promoted code.
        Run(engine, stream.AsSpan(0, WarmUp));
        Thread.Sleep(250);
        Run(engine, stream.AsSpan(WarmUp, WarmUp));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int gcBefore = GC.CollectionCount(0);
        Run(engine, stream.AsSpan(2 * WarmUp, Measured));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{Measured} messages: {allocated} bytes allocated, {GC.CollectionCount(0) - gcBefore} gen0 GCs; " +
            $"fills {engine.Counters.Fills}, duplicates {engine.Counters.Duplicates}, anomalies {engine.Counters.Anomalies}, orders {engine.Orders.Count}");
        Assert.Equal((2 * WarmUp) + Measured, engine.Counters.Messages);
        Assert.True(engine.Counters.Fills > 100_000 && engine.Counters.Duplicates > 10_000, "the mix must exercise fills and duplicates");
        // 0 in nearly every run. One CI run in about twenty saw a one-off 5,728 bytes on this thread (the runtime's, not
        // the engine's: the stream and the engine are deterministic, and the other runs saw 0), so a fixed 8 KiB is
        // allowed. An allocation the engine makes per event does not fit in it: 24 bytes on one message in 2,500
        // already exceed it over the million.
        Assert.InRange(allocated, 0, MaxOneOffBytes);
    }

    /// <summary>
    /// Every table is committed when the engine is built (docs/decisions/0009-commit-every-table.md): a fresh
    /// engine's first messages must not fault pages in. Before, a fresh engine of this size took about 2,000 minor
    /// faults in these messages, each on the engine thread.
    /// </summary>
    [Fact]
    public void DoWork_FreshEngine_TakesNoPageFaults()
    {
        Assert.SkipUnless(PageFaults.Available, "per-thread fault counts come from Linux's /proc");
        var options = new OmsEngineOptions
        {
            MaxOrders = 16_384,
            MaxPositions = 1_024,
            MaxStrategies = 4,
            MaxAccounts = 4,
            MaxInstruments = 64,
            MaxVenues = 2,
            RingCapacity = 1_024,
            StrategyEventCapacity = 2_048,
            VenueQueueCapacity = 2_048,
            AnomalyCapacity = 1_024,
        };
        OmsMessage[] stream = new StreamGenerator(7, strategies: 4, accounts: 4, instruments: 64, venues: 2).Generate(32_768);

        // The same messages through a first engine compile every path and grow this thread's stack.
        OmsEngine warm = Build(options);
        Run(warm, stream);
        // Built while the first is alive, the second cannot reuse its memory: the pages are new to the process.
        OmsEngine fresh = Build(options);
        long before = PageFaults.MinorOfThisThread();
        Run(fresh, stream);
        long faults = PageFaults.MinorOfThisThread() - before;
        GC.KeepAlive(warm);

        output.WriteLine($"{stream.Length} messages on a fresh engine: {faults} minor page faults on this thread; orders {fresh.Orders.Count}, fills {fresh.Counters.Fills}");
        Assert.Equal(stream.Length, fresh.Counters.Messages);
        Assert.True(fresh.Orders.Count > 2_000 && fresh.Counters.Fills > 2_000, "the stream must create orders and fills");
        // A few faults are the runtime's (a JIT helper, a code page); a table left to fault in takes hundreds.
        Assert.InRange(faults, 0, 32);
    }

    private static OmsEngine Build(OmsEngineOptions options)
    {
        var engine = new OmsEngine(options);
        for (int s = 1; s <= options.MaxStrategies; s++)
        {
            engine.OpenStrategyStream(s);
        }

        return engine;
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
