using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Oms.Benchmarks.Support;
using Oms.Domain;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Benchmarks.Ring;

// Regime: one operation = one 192-byte OmsMessage moved from a producer thread to the consumer. Each invocation
// moves a batch of 16,384 messages (OperationsPerInvoke), split evenly over P = 1 or 2 long-lived producer
// threads, to the consumer running on the benchmark thread (Setup: OneSingleMode = one producer into a ring in
// ProducerMode.Single, a plain-store claim, as the engine is configured when one thread publishes; One = the
// same producer into a ring in ProducerMode.Multi, a compare-and-swap per claim; Two = two producers, Multi); capacity 4,096 slots for both the ring and the
// baseline (so producers meet back-pressure and spin, as in a busy session). Included: the copy in, the
// cross-core cache-line traffic, contention on the claim cursor (MpscRing) or the lock (Channel), back-pressure
// and idle spins (spin, then yield; the backoff restarts after each batch that found work), and the consumer
// reading one field of every message. Not included: thread start-up, engine work.
// Baseline: a bounded System.Threading.Channels channel (SingleReader, SingleWriter = P == 1, FullMode Wait)
// driven by TryWrite/TryRead spin loops so neither side ever awaits.
// Placement: Pinned = true puts the consumer on CPU 0 and every producer on CPU 1 (the realistic regime: the
// engine and its gateways on different cores; on this 2-core machine the two producers share CPU 1).
// Pinned = false leaves placement to the OS scheduler, which on a shared 2-core machine sometimes puts
// producer and consumer on one core (nothing crosses cores) and sometimes not; unpinned figures have swung
// several-fold between runs here (docs/perf/benchmarks.md, finding 4): read them as that variance.
[MemoryDiagnoser]
public class RingCrossThreadBenchmarks
{
    private const int Batch = 16_384;
    private const int Capacity = 4_096;

    private MpscRing<OmsMessage> _ring = null!;
    private Channel<OmsMessage> _channel = null!;
    private ProducerGang _gang = null!;
    private OmsMessage _template;

    /// <summary>Who publishes, and the ring's producer mode.</summary>
    public enum ProducerSetup
    {
        /// <summary>One producer thread; the ring in <see cref="ProducerMode.Single"/>.</summary>
        OneSingleMode,
        /// <summary>One producer thread; the ring in <see cref="ProducerMode.Multi"/>.</summary>
        One,
        /// <summary>Two producer threads; the ring in <see cref="ProducerMode.Multi"/>.</summary>
        Two,
    }

    /// <summary>Producer threads and ring mode.</summary>
    [Params(ProducerSetup.OneSingleMode, ProducerSetup.One, ProducerSetup.Two)]
    public ProducerSetup Setup { get; set; }

    private int Producers => Setup == ProducerSetup.Two ? 2 : 1;

    /// <summary>Consumer pinned to CPU 0 and producers to CPU 1, or placement left to the OS.</summary>
    [Params(true, false)]
    public bool Pinned { get; set; }

    [GlobalSetup(Target = nameof(MpscRing))]
    public void SetupRing()
    {
        _template = Template();
        _ring = new MpscRing<OmsMessage>(Capacity, Setup == ProducerSetup.OneSingleMode ? ProducerMode.Single : ProducerMode.Multi);
        _gang = new ProducerGang(Producers, RingShare, PinConsumer());
    }

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _template = Template();
        _channel = System.Threading.Channels.Channel.CreateBounded<OmsMessage>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = Producers == 1,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _gang = new ProducerGang(Producers, ChannelShare, PinConsumer());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gang.Dispose();
        ThreadAffinity.Unpin();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long MpscRing()
    {
        _gang.Go();
        var handler = new SumHandler();
        var spin = new SpinWait();
        int consumed = 0;
        while (consumed < Batch)
        {
            int n = _ring.Drain(ref handler, 256);
            if (n == 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            spin.Reset();
            consumed += n;
        }

        return handler.Sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true)]
    public long Channel()
    {
        _gang.Go();
        ChannelReader<OmsMessage> reader = _channel.Reader;
        var spin = new SpinWait();
        long sum = 0;
        int consumed = 0;
        while (consumed < Batch)
        {
            if (reader.TryRead(out OmsMessage m))
            {
                sum += m.Timestamp;
                consumed++;
                spin.Reset();
                continue;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }

        return sum;
    }

    /// <summary>Pins the benchmark (consumer) thread when asked; returns the CPU for the producers, or -1.</summary>
    private int PinConsumer() => Pinned && ThreadAffinity.Pin(0) ? 1 : -1;

    private void RingShare(int producer)
    {
        MpscRing<OmsMessage> ring = _ring;
        OmsMessage m = _template;
        m.StrategyId = producer + 1;
        int share = Batch / Producers;
        for (int i = 0; i < share; i++)
        {
            m.Timestamp = i;
            if (!ring.TryPublish(in m))
            {
                var spin = new SpinWait();
                do
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
                while (!ring.TryPublish(in m));
            }
        }
    }

    private void ChannelShare(int producer)
    {
        ChannelWriter<OmsMessage> writer = _channel.Writer;
        OmsMessage m = _template;
        m.StrategyId = producer + 1;
        int share = Batch / Producers;
        for (int i = 0; i < share; i++)
        {
            m.Timestamp = i;
            if (!writer.TryWrite(m))
            {
                var spin = new SpinWait();
                do
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
                while (!writer.TryWrite(m));
            }
        }
    }

    internal static OmsMessage Template() => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = 1,
        ExecType = ExecType.Trade,
        ClOrdId = IdToken.ForStrategy(1, 1),
        ExecId = IdToken.FromString("X1"),
        LastQty = 100,
        LastPx = 10_000,
    };

    private struct SumHandler : IRingHandler<OmsMessage>
    {
        public long Sum;

        public void OnMessage(ref OmsMessage message, long sequence) => Sum += message.Timestamp;
    }
}
