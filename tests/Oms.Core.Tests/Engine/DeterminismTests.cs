using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Reference;
using Oms.Ring;
using Oms.Tests.Differential;

namespace Oms.Tests.Engine;

public sealed class DeterminismTests
{
    [Fact]
    public void SameInput_TwoEngines_SameStateHashAndSameOutputBytes()
    {
        OmsMessage[] stream = new StreamGenerator(42).Generate(50_000);
        (ulong hashA, byte[] eventsA, byte[] venueA) = Run(stream);
        (ulong hashB, byte[] eventsB, byte[] venueB) = Run(stream);

        Assert.Equal(hashA, hashB);
        Assert.True(eventsA.Length > 100_000, "the run produced too few events to mean anything");
        Assert.Equal(eventsA, eventsB);
        Assert.Equal(venueA, venueB);
    }

    [Fact]
    public void DifferentInput_StateHashDiffers()
    {
        (ulong a, _, _) = Run(new StreamGenerator(1).Generate(5_000));
        (ulong b, _, _) = Run(new StreamGenerator(2).Generate(5_000));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void RingAndDirectApply_SameInput_SameStateHash()
    {
        OmsMessage[] stream = new StreamGenerator(9).Generate(20_000);
        var direct = new OmsEngine(DifferentialTests.Options());
        var viaRing = new OmsEngine(DifferentialTests.Options());
        foreach (OmsMessage m in stream)
        {
            direct.Apply(in m);
            Assert.True(viaRing.Inbound.TryPublish(in m));
            while (viaRing.DoWork() > 0)
            {
            }

            direct.DrainOutputs();
            viaRing.DrainOutputs();
        }

        Assert.Equal(direct.ComputeStateHash(), viaRing.ComputeStateHash());
    }

    [Fact]
    public void NoStreamsOpen_SameStateHash_EveryUndeliveredEventCounted()
    {
        OmsMessage[] stream = new StreamGenerator(12).Generate(20_000);
        (ulong listened, byte[] events, _) = Run(stream);
        var silent = new OmsEngine(DifferentialTests.Options());
        foreach (OmsMessage m in stream)
        {
            silent.Apply(in m);
            silent.DrainOutputs();
        }

        int strategyEvents = events.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<OmsEvent>() - (int)silent.Counters.Anomalies;
        Assert.Equal(listened, silent.ComputeStateHash());
        Assert.True(strategyEvents > 10_000);
        Assert.Equal(strategyEvents, silent.Counters.DroppedEvents);
    }

    public enum Feed
    {
        OneByOne,
        Batches,
        Ring,
    }

    [Theory]
    [InlineData(Feed.Batches, 64, false)]
    [InlineData(Feed.Batches, 7, false)]
    [InlineData(Feed.Ring, 200, false)]
    [InlineData(Feed.Ring, 1, false)]
    [InlineData(Feed.Batches, 64, true)]
    [InlineData(Feed.Batches, 7, true)]
    [InlineData(Feed.Ring, 200, true)]
    [InlineData(Feed.Ring, 1, true)]
    public void BatchedApplyAndRingDrains_WithLookAheadPrefetch_SameHashAndSameOutputBytes(Feed feed, int batch, bool rows)
    {
        // rows: the order rows are prefetched too, from the first message on (RowPrefetchMinRows 0), so the
        // look-ahead resolves reports, cancels and replaces ahead of them, including orders not created yet.
        // Ring batches of 1: every message is alone on the ring, so each prefetches its own lines and row.
        OmsMessage[] stream = new StreamGenerator(31).Generate(30_000);
        AssertSameRun(Run(stream), Run(stream, feed, batch, rowPrefetchMinRows: rows ? 0 : int.MaxValue));
    }

    [Fact]
    public void ProducerLookupHints_FromAnotherThreadWhileApplying_ChangeNothing()
    {
        // OmsEngine.PrefetchLookups is called by producers on their own threads, racing the engine. A thread
        // hinting every message of the stream, over and over, while the engine drains the ring: same state, same
        // outputs, byte for byte, as without.
        OmsMessage[] stream = new StreamGenerator(41).Generate(30_000);
        AssertSameRun(Run(stream, Feed.Ring, 200), Run(stream, Feed.Ring, 200, hintsThread: true));
    }

    [Fact]
    public void HugePagesOnAndOff_SameHashAndSameOutputBytes()
    {
        // Tables large enough to be advised (the ExecID index alone is 16 MiB): the pages under a table change
        // where its bytes live, never what they are.
        OmsMessage[] stream = new StreamGenerator(37).Generate(30_000);
        AssertSameRun(
            Run(stream, Feed.Batches, 64, configure: o => { o.MaxExecIds = 1 << 18; o.HugePages = false; }),
            Run(stream, Feed.Batches, 64, configure: o => { o.MaxExecIds = 1 << 18; o.HugePages = true; }));
    }

    [Fact]
    public void OutputsWrittenOverStaleSlots_CarryNothingOfThem()
    {
        // The engine writes each venue command straight into its queue's next slot, which still holds whatever
        // was there before (an item read long ago), and builds each event in a local it then copies into its
        // slot. Slots, and the engine's staged events, filled with garbage first must give the same outputs,
        // field for field, as zeroed ones: every field of every item is written.
        OmsMessage[] stream = new StreamGenerator(43).Generate(30_000);
        (ulong hash, byte[] events, byte[] venue) = Run(stream, Feed.Batches, 64);
        (ulong hashB, byte[] eventsB, byte[] venueB) = Run(stream, Feed.Batches, 64, poisonSlots: true);

        Assert.Equal(hash, hashB);
        Assert.True(events.Length > 100_000, "the run produced too few events to mean anything");
        Assert.Equal(FieldBytes<OmsEvent>(events), FieldBytes<OmsEvent>(eventsB));
        Assert.Equal(FieldBytes<VenueCommand>(venue), FieldBytes<VenueCommand>(venueB));
    }

    /// <summary>Fills every slot of a queue with a byte pattern no engine output has.</summary>
    private static void Poison<T>(SpscQueue<T> queue)
        where T : unmanaged
    {
        queue.Slots.SlotBytes.Fill(0xA5);
    }

    // 0xA5… as an event's sequence is negative, below any the stream expects: the poison reads as unpublished.
    private static void Poison(EventStream stream) => stream.Slots.SlotBytes.Fill(0xA5);

    /// <summary>The items' bytes with the padding between fields (which no one writes) zeroed.</summary>
    private static byte[] FieldBytes<T>(byte[] items)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        var covered = new bool[size];
        foreach (FieldInfo f in typeof(T).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            int offset = (int)Marshal.OffsetOf<T>(f.Name);
            int length = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(f.FieldType).Invoke(null, null)!;
            Array.Fill(covered, true, offset, length);
        }

        byte[] masked = (byte[])items.Clone();
        for (int i = 0; i < masked.Length; i++)
        {
            if (!covered[i % size])
            {
                masked[i] = 0;
            }
        }

        return masked;
    }

    /// <summary>
    /// Runs a stream fed one message at a time, through <see cref="OmsEngine.Apply(ReadOnlySpan{OmsMessage})"/>
    /// in batches, or through the ring in batches drained by <see cref="OmsEngine.DoWork"/>; returns the state
    /// hash, every event (strategy by strategy, then the anomalies) and every venue command (venue by venue),
    /// as bytes, in order: each output queue keeps its own order, whatever the batching.
    /// </summary>
    /// <summary>Same state hash, and the same strategy events and venue commands byte for byte.</summary>
    private static void AssertSameRun((ulong Hash, byte[] Events, byte[] VenueCommands) expected, (ulong Hash, byte[] Events, byte[] VenueCommands) actual)
    {
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.VenueCommands, actual.VenueCommands);
    }

    private static (ulong Hash, byte[] Events, byte[] VenueCommands) Run(
        OmsMessage[] stream, Feed feed = Feed.OneByOne, int batch = 1, int rowPrefetchMinRows = int.MaxValue,
        Action<OmsEngineOptions>? configure = null, bool poisonSlots = false, bool hintsThread = false)
    {
        OmsEngineOptions options = DifferentialTests.Options();
        options.RowPrefetchMinRows = rowPrefetchMinRows;
        configure?.Invoke(options);
        var engine = new OmsEngine(options);
        int strategies = engine.Options.MaxStrategies;
        var perStrategy = new MemoryStream[strategies + 2];
        for (int s = 1; s <= strategies + 1; s++)
        {
            perStrategy[s] = new MemoryStream();
            if (s <= strategies)
            {
                engine.OpenStrategyStream(s);
            }
        }

        var perVenue = new MemoryStream[engine.Options.MaxVenues + 1];
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            perVenue[v] = new MemoryStream();
        }

        if (poisonSlots)
        {
            for (int s = 1; s <= strategies; s++)
            {
                Poison(engine.OpenStrategyStream(s));
            }

            Poison(engine.Anomalies);
            engine.EventPoison = 0xA5;
            for (int v = 1; v <= engine.Options.MaxVenues; v++)
            {
                Poison(engine.VenueQueue(v));
            }
        }

        using var stopHints = new CancellationTokenSource();
        long hinted = 0;
        Thread? hints = null;
        if (hintsThread)
        {
            hints = new Thread(() =>
            {
                while (!stopHints.IsCancellationRequested)
                {
                    foreach (OmsMessage m in stream)
                    {
                        engine.PrefetchLookups(in m);
                    }

                    Interlocked.Increment(ref hinted);
                }
            });
            hints.Start();
            SpinWait.SpinUntil(() => Interlocked.Read(ref hinted) > 0);
        }

        for (int at = 0; at < stream.Length; at += batch)
        {
            ReadOnlySpan<OmsMessage> chunk = stream.AsSpan(at, Math.Min(batch, stream.Length - at));
            if (feed == Feed.OneByOne)
            {
                engine.Apply(in chunk[0]);
            }
            else if (feed == Feed.Batches)
            {
                engine.Apply(chunk);
            }
            else
            {
                foreach (OmsMessage m in chunk)
                {
                    Assert.True(engine.Inbound.TryPublish(in m));
                }

                while (engine.DoWork() > 0)
                {
                }
            }

            for (int s = 1; s <= strategies; s++)
            {
                var q = engine.OpenStrategyStream(s);
                while (q.TryRead(out OmsEvent e))
                {
                    perStrategy[s].Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in e)));
                }
            }

            while (engine.Anomalies.TryRead(out OmsEvent a))
            {
                perStrategy[strategies + 1].Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in a)));
            }

            for (int v = 1; v <= engine.Options.MaxVenues; v++)
            {
                var q = engine.VenueQueue(v);
                while (q.TryRead(out VenueCommand c))
                {
                    perVenue[v].Write(MemoryMarshal.AsBytes(new ReadOnlySpan<VenueCommand>(in c)));
                }
            }
        }

        if (hints is not null)
        {
            // The engine finished while the hints still ran: they raced it the whole way.
            Assert.True(hints.IsAlive, "the hint thread stopped before the engine finished");
            stopHints.Cancel();
            hints.Join();
        }

        byte[] events = perStrategy.Where(m => m is not null).SelectMany(m => m.ToArray()).ToArray();
        byte[] venue = perVenue.Where(m => m is not null).SelectMany(m => m.ToArray()).ToArray();
        return (engine.ComputeStateHash(), events, venue);
    }
}
