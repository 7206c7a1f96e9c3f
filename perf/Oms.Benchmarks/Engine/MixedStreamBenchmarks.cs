using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;
using Oms.Reference;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = one message of a realistic, deliberately disordered stream applied on the benchmark
// thread. The stream is 32,768 messages from StreamGenerator(seed 42; 4 strategies, 4 accounts, 2 venues and
// 4 or 64 instruments), generated once: about 13% new orders, 9% cancel/replace requests, 0.4% mass cancels,
// 4% wire duplicates, 1% unknown-order and garbled reports, the rest venue reports (acks, fills, cancels,
// replaces, rejects, busts and corrections...); about 27% of messages raise an anomaly. Each iteration
// applies the whole stream from the start to a fresh OmsEngine (8,192 orders of capacity for the ~4,200 the
// stream creates, tables prefaulted, every output drained on the same thread every 64 messages) or to a
// fresh ReferenceOms (the baseline: classes, dictionaries and BigInteger; it keeps state only and emits no
// events, venue commands or anomalies, which the engine does), built in [IterationSetup], not measured.
// Fewer instruments means more fills per position row, so busts and corrections, which rebuild a row from
// its fills in both models, cost more. GlobalSetup repeats both models until the JIT settles (JitWarmup),
// then checks the engine dropped nothing and both counted the same fills and duplicates.
[MemoryDiagnoser]
[IterationCount(15)]
public class MixedStreamBenchmarks
{
    private const int Messages = 32_768;

    private OmsMessage[] _stream = null!;
    private OmsEngineOptions _options = null!;
    private EngineRig _rig = null!;
    private ReferenceOms _reference = null!;

    /// <summary>Instruments the stream's orders are spread over.</summary>
    [Params(4, 64)]
    public int Instruments { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _stream = new StreamGenerator(42, strategies: 4, accounts: 4, instruments: Instruments, venues: 2).Generate(Messages);
        _options = new OmsEngineOptions
        {
            // The stream creates about 4,200 orders: twice that is the headroom a session would be sized with.
            MaxOrders = 8_192,
            MaxPositions = 1_024,
            MaxStrategies = 4,
            MaxAccounts = 16,
            MaxInstruments = 64,
            MaxVenues = 2,
            RingCapacity = 1_024,
            // A mass cancel emits one event and one venue command per live order of the strategy at once.
            StrategyEventCapacity = 2_048,
            VenueQueueCapacity = 2_048,
            AnomalyCapacity = 1_024,
        };

        JitWarmup.Run(() =>
        {
            SetupEngine();
            Engine();
            SetupReference();
            Reference();
        });
        EngineCounters c = _rig.Engine.Counters;
        if (c.Messages != Messages || c.DroppedEvents != 0 || c.ByReason(RejectReason.VenueBackPressure) != 0
            || c.Fills != _reference.Fills || c.Duplicates != _reference.Duplicates)
        {
            throw new InvalidOperationException(
                $"engine: {c.Messages} messages, {c.DroppedEvents} dropped, " +
                $"{c.ByReason(RejectReason.VenueBackPressure)} back-pressured, {c.Fills} fills, {c.Duplicates} duplicates; " +
                $"reference: {_reference.Fills} fills, {_reference.Duplicates} duplicates");
        }
    }

    [IterationSetup(Target = nameof(Engine))]
    public void SetupEngine() => _rig = new EngineRig(_options);

    [IterationSetup(Target = nameof(Reference))]
    public void SetupReference() => _reference = new ReferenceOms(_options);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Engine() => _rig.ApplyAll(_stream);

    [Benchmark(OperationsPerInvoke = Messages, Baseline = true)]
    public long Reference()
    {
        ReferenceOms reference = _reference;
        OmsMessage[] stream = _stream;
        for (int i = 0; i < stream.Length; i++)
        {
            reference.Apply(in stream[i]);
        }

        return reference.Fills;
    }
}
