using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Benchmarks.Ring;

// Regime: one operation = one 192-byte OmsMessage published and then consumed on the same thread (the
// benchmark thread), in rounds of 256 publishes followed by one drain of 256; 16,384 messages per invocation,
// capacity 4,096 (never full). This is the data structure's instruction cost with every line in L1/L2: no
// cross-core traffic, no contention, no back-pressure. Baseline: the same bounded channel as
// RingCrossThreadBenchmarks (SingleReader, SingleWriter, FullMode Wait) with TryWrite/TryRead.
[MemoryDiagnoser]
public class RingSameThreadBenchmarks
{
    private const int Round = 256;
    private const int Rounds = 64;
    private const int Capacity = 4_096;

    private MpscRing<OmsMessage> _ring = null!;
    private Channel<OmsMessage> _channel = null!;
    private OmsMessage _template;

    [GlobalSetup]
    public void Setup()
    {
        _template = RingCrossThreadBenchmarks.Template();
        _ring = new MpscRing<OmsMessage>(Capacity);
        _channel = System.Threading.Channels.Channel.CreateBounded<OmsMessage>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    [Benchmark(OperationsPerInvoke = Round * Rounds)]
    public long MpscRing()
    {
        MpscRing<OmsMessage> ring = _ring;
        OmsMessage m = _template;
        var handler = new SumHandler();
        for (int r = 0; r < Rounds; r++)
        {
            for (int i = 0; i < Round; i++)
            {
                m.Timestamp = i;
                ring.TryPublish(in m);
            }

            ring.Drain(ref handler, Round);
        }

        return handler.Sum;
    }

    [Benchmark(OperationsPerInvoke = Round * Rounds, Baseline = true)]
    public long Channel()
    {
        ChannelWriter<OmsMessage> writer = _channel.Writer;
        ChannelReader<OmsMessage> reader = _channel.Reader;
        OmsMessage m = _template;
        long sum = 0;
        for (int r = 0; r < Rounds; r++)
        {
            for (int i = 0; i < Round; i++)
            {
                m.Timestamp = i;
                writer.TryWrite(m);
            }

            for (int i = 0; i < Round; i++)
            {
                reader.TryRead(out OmsMessage read);
                sum += read.Timestamp;
            }
        }

        return sum;
    }

    private struct SumHandler : IRingHandler<OmsMessage>
    {
        public long Sum;

        public void OnMessage(ref OmsMessage message, long sequence) => Sum += message.Timestamp;
    }
}
