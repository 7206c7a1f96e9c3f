using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = OmsEngine.Apply of one execution report of a single kind, on the benchmark thread,
// bypassing the inbound ring (RingCrossThreadBenchmarks measures that). Each iteration builds a fresh engine
// (capacity exactly 16,384 orders; every table committed when it is built), puts 16,384 orders through the
// lifecycle steps before the one measured ([IterationSetup], not measured), then applies that step's report to
// every order once (OperationsPerInvoke = 16,384, one invocation per iteration). Working set: 16,384 order rows,
// ClOrdID and ExecID indexes sized by the engine's defaults for that capacity (several MB, beyond L2), 4
// strategies / accounts, 2 venues, 64 instruments so each position row holds 64 fills. Included: id lookups, the
// transition table, order/position/fill table updates, writing the events (and venue commands, anomalies), and
// draining every output queue on the same thread every 64 messages. Not included: the ring, a consumer on another
// core. GlobalSetup repeats every kind until the JIT settles (JitWarmup), checking each takes its path.
[MemoryDiagnoser]
[IterationCount(15)]
public class ReportApplyBenchmarks
{
    private const int Orders = 16_384;
    private const int FillsPerPosition = 64;

    private OrderFlow _flow = null!;
    private OmsMessage[] _news = null!, _acks = null!, _partials = null!, _fulls = null!, _cancelRequests = null!,
        _canceleds = null!, _replaceRequests = null!, _replaceds = null!, _busts = null!, _unknowns = null!;
    private EngineRig _rig = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _flow = new OrderFlow(Orders, FillsPerPosition);
        _news = _flow.Build(_flow.New);
        _acks = _flow.Build(_flow.Ack);
        _partials = _flow.Build(i => _flow.Fill(i, OrderFlow.OrderQty * 2 / 5));
        _fulls = _flow.Build(i => _flow.Fill(i, OrderFlow.OrderQty));
        _cancelRequests = _flow.Build(_flow.CancelRequest);
        _canceleds = _flow.Build(_flow.Canceled);
        _replaceRequests = _flow.Build(_flow.ReplaceRequest);
        _replaceds = _flow.Build(_flow.Replaced);
        _busts = _flow.Build(_flow.Bust);
        _unknowns = _flow.Build(OrderFlow.UnknownOrderFill);
        JitWarmup.Run(Validate);
    }

    [IterationSetup(Target = nameof(Ack))]
    public void BeforeAck() => Prepare(_news);

    [IterationSetup(Targets = [nameof(PartialFill), nameof(FullFill), nameof(UnknownOrder)])]
    public void BeforeFill() => Prepare(_news, _acks);

    [IterationSetup(Target = nameof(Cancel))]
    public void BeforeCancel() => Prepare(_news, _acks, _cancelRequests);

    [IterationSetup(Target = nameof(Replace))]
    public void BeforeReplace() => Prepare(_news, _acks, _replaceRequests);

    [IterationSetup(Targets = [nameof(Bust), nameof(Duplicate)])]
    public void BeforeBust() => Prepare(_news, _acks, _partials);

    /// <summary>150=0 on PendingNew: the order works.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Ack() => _rig.ApplyAll(_acks);

    /// <summary>150=F for 40 of 100 on New: PartiallyFilled, both positions updated.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long PartialFill() => _rig.ApplyAll(_partials);

    /// <summary>150=F for 100 of 100 on New: Filled.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long FullFill() => _rig.ApplyAll(_fulls);

    /// <summary>150=4 answering a cancel request (PendingCancel → Canceled).</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Cancel() => _rig.ApplyAll(_canceleds);

    /// <summary>150=5 answering a replace request (PendingReplace → New at the new quantity and price).</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Replace() => _rig.ApplyAll(_replaceds);

    /// <summary>150=H of a partial fill: both positions rebuilt from their 64-fill chains.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Bust() => _rig.ApplyAll(_busts);

    /// <summary>The partial fills again, same ExecIDs: counted and sent to the anomaly stream, nothing changes.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long Duplicate() => _rig.ApplyAll(_partials);

    /// <summary>A fill naming a ClOrdID and venue OrderID the engine never saw: three index misses, an anomaly.</summary>
    [Benchmark(OperationsPerInvoke = Orders)]
    public long UnknownOrder() => _rig.ApplyAll(_unknowns);

    private void Prepare(params OmsMessage[][] steps)
    {
        _rig = new EngineRig(_flow.Options());
        foreach (OmsMessage[] step in steps)
        {
            _rig.ApplyAll(step);
        }
    }

    private void Validate()
    {
        Check(nameof(Ack), [_news], _acks, c => c.Accepted);
        Check(nameof(PartialFill), [_news, _acks], _partials, c => c.Fills);
        Check(nameof(FullFill), [_news, _acks], _fulls, c => c.Fills);
        Check(nameof(Cancel), [_news, _acks, _cancelRequests], _canceleds, c => c.Canceled);
        Check(nameof(Replace), [_news, _acks, _replaceRequests], _replaceds, c => c.Replaced);
        Check(nameof(Bust), [_news, _acks, _partials], _busts, c => c.Busts);
        Check(nameof(Duplicate), [_news, _acks, _partials], _partials, c => c.Duplicates);
        Check(nameof(UnknownOrder), [_news, _acks], _unknowns, c => c.ByReason(RejectReason.UnknownOrderReport));
    }

    private void Check(string name, OmsMessage[][] before, OmsMessage[] measured, Func<EngineCounters, long> counter)
    {
        Prepare(before);
        EngineCounters c = _rig.Engine.Counters;
        long start = counter(c);
        long anomalies = c.Anomalies;
        _rig.ApplyAll(measured);
        long expectedAnomalies = name is nameof(Duplicate) or nameof(UnknownOrder) ? Orders : 0;
        bool wrongPath = counter(c) - start != Orders || c.Anomalies - anomalies != expectedAnomalies;
        if (wrongPath || c.DroppedEvents != 0 || c.Refused != 0 || c.Denied != 0)
        {
            throw new InvalidOperationException(
                $"{name}: counter moved {counter(c) - start} (expected {Orders}), anomalies {c.Anomalies - anomalies}, " +
                $"dropped {c.DroppedEvents}, refused {c.Refused}, denied {c.Denied}");
        }
    }
}
