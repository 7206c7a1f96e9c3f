using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = OmsEngine.Apply of one partial fill (1 lot of a 1,000,000-lot working order), as
// ReportApplyBenchmarks.PartialFill, with the number of live orders varied: 1,024, 16,384 or 131,072. Each
// invocation applies 131,072 fills round-robin over the orders (so every order is revisited 128, 8 or 1
// times per iteration), after [IterationSetup] has built a fresh engine and submitted and acknowledged every
// order. The ExecID index and fill store are sized for the 131,072 fills in every case and positions are
// spread over 64 instruments, so what grows is the order table the fills land on (about 250 bytes per order
// across its column arrays, plus the ClOrdID and venue OrderID indexes): from L2-resident to beyond L3.
// Outputs drained on the same thread every 64 messages. GlobalSetup repeats it until the JIT settles (JitWarmup).
[MemoryDiagnoser]
[IterationCount(15)]
public class OrderWorkingSetBenchmarks
{
    private const int Fills = 131_072;

    private OrderFlow _flow = null!;
    private OmsMessage[] _news = null!, _acks = null!, _fills = null!;
    private EngineRig _rig = null!;

    /// <summary>Live (acknowledged, working) orders the fills are spread over.</summary>
    [Params(1_024, 16_384, 131_072)]
    public int Orders { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        // 64 instruments whatever the order count: 4 strategies × 64 instruments × fillsPerPosition = Orders.
        _flow = new OrderFlow(Orders, fillsPerPosition: Math.Max(1, Orders / 256), orderQty: 1_000_000);
        _news = _flow.Build(_flow.New);
        _acks = _flow.Build(_flow.Ack);
        _fills = new OmsMessage[Fills];
        for (int k = 0; k < Fills; k++)
        {
            _fills[k] = _flow.Fill(k % Orders, 1, round: k / Orders);
        }

        JitWarmup.Run(() =>
        {
            Setup();
            EngineCounters c = _rig.Engine.Counters;
            _rig.ApplyAll(_fills);
            if (c.Fills != Fills || c.Anomalies != 0 || c.DroppedEvents != 0)
            {
                throw new InvalidOperationException(
                    $"fills {c.Fills} (expected {Fills}), anomalies {c.Anomalies}, dropped {c.DroppedEvents}");
            }
        });
    }

    [IterationSetup]
    public void Setup()
    {
        _rig = new EngineRig(_flow.Options(maxFills: Fills));
        _rig.ApplyAll(_news);
        _rig.ApplyAll(_acks);
    }

    [Benchmark(OperationsPerInvoke = Fills)]
    public long PartialFill() => _rig.ApplyAll(_fills);
}
