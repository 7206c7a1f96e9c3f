using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Reference;
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

    /// <summary>Runs a stream; returns the state hash and every event and venue command, as bytes, in order.</summary>
    private static (ulong Hash, byte[] Events, byte[] VenueCommands) Run(OmsMessage[] stream)
    {
        var engine = new OmsEngine(DifferentialTests.Options());
        for (int s = 1; s <= engine.Options.MaxStrategies; s++)
        {
            engine.OpenStrategyStream(s);
        }

        using var events = new MemoryStream();
        using var venue = new MemoryStream();
        foreach (OmsMessage m in stream)
        {
            engine.Apply(in m);
            for (int s = 1; s <= engine.Options.MaxStrategies; s++)
            {
                var q = engine.OpenStrategyStream(s);
                while (q.TryRead(out OmsEvent e))
                {
                    events.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in e)));
                }
            }

            while (engine.Anomalies.TryRead(out OmsEvent a))
            {
                events.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in a)));
            }

            for (int v = 1; v <= engine.Options.MaxVenues; v++)
            {
                var q = engine.VenueQueue(v);
                while (q.TryRead(out VenueCommand c))
                {
                    venue.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<VenueCommand>(in c)));
                }
            }
        }

        return (engine.ComputeStateHash(), events.ToArray(), venue.ToArray());
    }
}
