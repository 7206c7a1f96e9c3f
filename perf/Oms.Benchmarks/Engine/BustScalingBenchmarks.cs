using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = OmsEngine.Apply of one trade bust (35=8 150=H) of an active partial fill, as in
// ReportApplyBenchmarks.Bust, but with the number of fills in each position row varied: 1, 64 or 1,024
// (16,384 orders spread over 4,096, 64 or 4 instruments), and the order of the busts varied: oldest fill
// first, or newest first. A bust rebuilds both of the order's position rows (account × instrument,
// strategy × instrument) from their fill chains, starting at the last checkpoint before the busted fill, so
// its cost is expected to grow with the fills after the busted one; this class shows by how much. Newest
// first is the usual case (a venue breaks a trade minutes after it), oldest first the worst one. Fresh
// engine per iteration ([IterationSetup]: submit, acknowledge, partially fill every order), one invocation
// of 16,384 busts per iteration, outputs drained on the same thread every 64 messages. GlobalSetup repeats
// the scenario until the JIT settles (JitWarmup).
[MemoryDiagnoser]
[IterationCount(15)]
public class BustScalingBenchmarks
{
    private const int Orders = 16_384;

    private OrderFlow _flow = null!;
    private OmsMessage[] _news = null!, _acks = null!, _partials = null!, _busts = null!;
    private EngineRig _rig = null!;

    /// <summary>Fills in each position row when the busts start.</summary>
    [Params(1, 64, 1_024)]
    public int FillsPerPosition { get; set; }

    /// <summary>True to bust the newest fill of each row first; false for the oldest first.</summary>
    [Params(false, true)]
    public bool NewestFirst { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _flow = new OrderFlow(Orders, FillsPerPosition);
        _news = _flow.Build(_flow.New);
        _acks = _flow.Build(_flow.Ack);
        _partials = _flow.Build(i => _flow.Fill(i, OrderFlow.OrderQty * 2 / 5));
        _busts = _flow.Build(_flow.Bust);
        if (NewestFirst)
        {
            // Orders are filled in index order, so each row's fills are too: reversed, every bust hits its row's newest.
            Array.Reverse(_busts);
        }
        JitWarmup.Run(() =>
        {
            Setup();
            _rig.ApplyAll(_busts);
            EngineCounters c = _rig.Engine.Counters;
            if (c.Busts != Orders || c.Anomalies != 0 || c.DroppedEvents != 0)
            {
                throw new InvalidOperationException(
                    $"busts {c.Busts} (expected {Orders}), anomalies {c.Anomalies}, dropped {c.DroppedEvents}");
            }
        });
    }

    [IterationSetup]
    public void Setup()
    {
        _rig = new EngineRig(_flow.Options());
        _rig.ApplyAll(_news);
        _rig.ApplyAll(_acks);
        _rig.ApplyAll(_partials);
    }

    [Benchmark(OperationsPerInvoke = Orders)]
    public long Bust() => _rig.ApplyAll(_busts);
}
