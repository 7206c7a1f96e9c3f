using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = OmsEngine.Apply of one strategy command (new order, cancel request, replace request)
// that the engine accepts, on the benchmark thread, bypassing the inbound ring. Each iteration builds a fresh
// engine (capacity exactly 16,384 orders; every table committed when it is built), brings 16,384 orders to the
// state before the command ([IterationSetup]: nothing for Submit, submitted and acknowledged for Cancel and
// Replace), then applies the command to every order once (OperationsPerInvoke = 16,384, one invocation per
// iteration). Working set and layout as ReportApplyBenchmarks (4 strategies/accounts, 2 venues, 64 instruments).
// Included: validation, id lookups and inserts (the new ClOrdID joins the chain index), position-row lookup
// (Submit), the venue command, the strategy event, draining every output queue on the same thread every 64
// messages. Not included: the ring, risk checks beyond the engine's own validation (there are none yet).
// GlobalSetup repeats every command until the JIT settles (JitWarmup), checking each is accepted.
[MemoryDiagnoser]
[IterationCount(15)]
public class CommandApplyBenchmarks
{
    private const int Orders = 16_384;

    private OrderFlow _flow = null!;
    private OmsMessage[] _news = null!, _acks = null!, _cancels = null!, _replaces = null!;
    private EngineRig _rig = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _flow = new OrderFlow(Orders, fillsPerPosition: 64);
        _news = _flow.Build(_flow.New);
        _acks = _flow.Build(_flow.Ack);
        _cancels = _flow.Build(_flow.CancelRequest);
        _replaces = _flow.Build(_flow.ReplaceRequest);
        JitWarmup.Run(() =>
        {
            Check(nameof(Submit), [], _news, c => c.Submitted);
            Check(nameof(CancelRequest), [_news, _acks], _cancels, c => c.Commands);
            Check(nameof(ReplaceRequest), [_news, _acks], _replaces, c => c.Commands);
        });
    }

    [IterationSetup(Target = nameof(Submit))]
    public void BeforeSubmit() => Prepare();

    [IterationSetup(Targets = [nameof(CancelRequest), nameof(ReplaceRequest)])]
    public void BeforeCancelOrReplace() => Prepare(_news, _acks);

    /// <summary>35=D: validated, row allocated, ClOrdID indexed, positions found, venue command and event written.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Submit() => _rig.ApplyAll(_news);

    /// <summary>35=F on a working order: New → PendingCancel, cancel ClOrdID joins the chain, venue command.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long CancelRequest() => _rig.ApplyAll(_cancels);

    /// <summary>35=G on a working order: New → PendingReplace, pending quantity/price held, venue command.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long ReplaceRequest() => _rig.ApplyAll(_replaces);

    private void Prepare(params OmsMessage[][] steps)
    {
        _rig = new EngineRig(_flow.Options());
        foreach (OmsMessage[] step in steps)
        {
            _rig.ApplyAll(step);
        }
    }

    private void Check(string name, OmsMessage[][] before, OmsMessage[] measured, Func<EngineCounters, long> counter)
    {
        Prepare(before);
        EngineCounters c = _rig.Engine.Counters;
        long start = counter(c);
        _rig.ApplyAll(measured);
        if (counter(c) - start != Orders || c.Refused != 0 || c.Denied != 0 || c.Anomalies != 0 || c.DroppedEvents != 0)
        {
            throw new InvalidOperationException(
                $"{name}: counter moved {counter(c) - start} (expected {Orders}), refused {c.Refused}, denied {c.Denied}, " +
                $"anomalies {c.Anomalies}, dropped {c.DroppedEvents}");
        }
    }
}
