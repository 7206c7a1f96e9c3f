using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Engine;
using Oms.Reference;

namespace Oms.Benchmarks.Engine;

// Regime: one operation = one message of a realistic, deliberately disordered stream applied on the benchmark
// thread. The stream is StreamGenerator(seed 42; 4 strategies, 4 accounts, 2 venues and 4 or 64 instruments),
// generated once: about 13% new orders, 9% cancel/replace requests, 0.4% mass cancels, 4% wire duplicates, 1%
// unknown-order and garbled reports, the rest venue reports (acks, fills, cancels, replaces, rejects, busts and
// corrections...); about 27% of messages raise an anomaly. Each iteration measures 32,768 messages applied to a
// fresh OmsEngine (8,192 orders of capacity per 32,768 messages the engine will see, every table committed when
// it is built, every output drained on the same thread every 64 messages) or to a fresh ReferenceOms (the
// baseline: classes, dictionaries and BigInteger; it keeps state only and emits no events, venue commands or
// anomalies, which the engine does), built in [IterationSetup], not measured. SessionPrefix is how many messages
// of the same stream that setup applies first, also not measured: 0 measures a session's start on empty tables,
// 32,768 the next 32,768 messages of a session under way. Fewer instruments means more fills per position row,
// so busts and corrections, which rebuild a row from its fills (the engine from its last checkpoint, the
// reference from the first fill), cost more. GlobalSetup repeats both models until the JIT settles (JitWarmup),
// then checks the engine dropped nothing and both counted the same fills and duplicates.
[MemoryDiagnoser]
[IterationCount(15)]
public class MixedStreamBenchmarks
{
    private const int Messages = 32_768;

    private OmsMessage[] _prefix = null!;
    private OmsMessage[] _stream = null!;
    private OmsEngineOptions _options = null!;
    private EngineRig _rig = null!;
    private ReferenceOms _reference = null!;

    /// <summary>Instruments the stream's orders are spread over.</summary>
    [Params(4, 64)]
    public int Instruments { get; set; }

    /// <summary>Messages of the same session applied before the measured ones, in the iteration's setup.</summary>
    [Params(0, 32_768)]
    public int SessionPrefix { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        OmsMessage[] session = new StreamGenerator(42, strategies: 4, accounts: 4, instruments: Instruments, venues: 2)
            .Generate(SessionPrefix + Messages);
        _prefix = session[..SessionPrefix];
        _stream = session[SessionPrefix..];
        _options = new OmsEngineOptions
        {
            // Every 32,768 messages create about 4,200 orders: twice that is the headroom a session would be sized with.
            MaxOrders = 8_192 * ((SessionPrefix + Messages) / Messages),
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
        if (c.Messages != SessionPrefix + Messages || c.DroppedEvents != 0 || c.ByReason(RejectReason.VenueBackPressure) != 0
            || c.Fills != _reference.Fills || c.Duplicates != _reference.Duplicates)
        {
            throw new InvalidOperationException(
                $"engine: {c.Messages} messages, {c.DroppedEvents} dropped, " +
                $"{c.ByReason(RejectReason.VenueBackPressure)} back-pressured, {c.Fills} fills, {c.Duplicates} duplicates; " +
                $"reference: {_reference.Fills} fills, {_reference.Duplicates} duplicates");
        }
    }

    [IterationSetup(Target = nameof(Engine))]
    public void SetupEngine()
    {
        _rig = new EngineRig(_options);
        _rig.ApplyAll(_prefix);
    }

    [IterationSetup(Target = nameof(Reference))]
    public void SetupReference()
    {
        _reference = new ReferenceOms(_options);
        foreach (ref readonly OmsMessage m in _prefix.AsSpan())
        {
            _reference.Apply(in m);
        }
    }

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
