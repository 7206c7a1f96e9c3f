using System.Threading.Channels;
using Oms.Engine;
using Oms.Latency.Results;
using Oms.Latency.Support;
using Oms.Ring;

namespace Oms.Latency.Throughput;

/// <summary>
/// The inbound ring, in single- and in multi-producer mode, against a bounded <see cref="Channel{T}"/> moving the same 192-byte <see cref="OmsMessage"/>s
/// from one producer thread to one consumer thread (pinned as the engine's windows are: consumer on the
/// engine's CPU, producer on the load generator's), unthrottled, in the same process and run.
/// </summary>
/// <remarks>
/// Both sides busy-spin on a full or empty queue with one Thread.SpinWait(1) per failed poll (the runtime
/// stretches it to a few pause instructions, about 60 ns on the reference machine; never a yield or an await),
/// the same for both: without the pause, back-to-back polls of the line the other side is writing made the
/// figures swing two-fold between runs. The channel is driven with
/// TryWrite/TryRead, SingleReader and SingleWriter, FullMode Wait, and the ring's capacity as its bound. The
/// consumer reads one field of each message. The producer copies from the stream's first <see cref="SourceWindow"/>
/// messages (768 KiB), cycled, so its source stays in its own cache as a gateway's decode buffer would: copying from
/// the whole pregenerated stream (1,000,000 messages, 192 MB) made both contestants wait on memory reads instead (the
/// ring measured 39.5M/s that way against 70–105M/s from a cached source). A run's rate is its messages over the time from the producer's
/// start to the consumer's last read. Runs rotate ring (single-producer mode, as the engine is configured when one
/// thread publishes), ring (multi-producer mode: the same code with a compare-and-swap per claim) and channel; the
/// first of each is discarded. The single-producer ring is owned by the producer worker's one long-lived thread.
/// </remarks>
public sealed class RingThroughput : IDisposable
{
    /// <summary>Messages of the stream the producer cycles through (a power of two).</summary>
    public const int SourceWindow = 4_096;

    private readonly OmsMessage[] _messages;
    private readonly int _count;
    private readonly MpscRing<OmsMessage> _single;
    private readonly MpscRing<OmsMessage> _multi;
    private readonly Channel<OmsMessage> _channel;
    private readonly PinnedWorker _producer;
    private readonly PinnedWorker _consumer;
    private MpscRing<OmsMessage>? _ring;
    private long _start;
    private long _end;
    private long _producerAllocated;
    private long _consumerAllocated;
    // What the consumer read, kept so the JIT cannot drop the reads.
    private long _checksum;

    private RingThroughput(HarnessConfig config, OmsMessage[] messages)
    {
        _count = messages.Length;
        _messages = messages[..Math.Min(SourceWindow, messages.Length)];
        _single = new MpscRing<OmsMessage>(config.RingCapacity, ProducerMode.Single);
        _multi = new MpscRing<OmsMessage>(config.RingCapacity, ProducerMode.Multi);
        _channel = Channel.CreateBounded<OmsMessage>(new BoundedChannelOptions(config.RingCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _producer = new PinnedWorker("ring-producer", config.LoadCpu, Produce);
        _consumer = new PinnedWorker("ring-consumer", config.EngineCpu, Consume);
    }

    /// <summary>
    /// Measures both over <paramref name="messages"/>, each measured round between two probes of
    /// <paramref name="guard"/> (recorded in <see cref="RingThroughputResult.Rounds"/>; judged by <see cref="Recheck"/>).
    /// </summary>
    public static RingThroughputResult Run(HarnessConfig config, OmsMessage[] messages, PlacementGuard guard, Progress progress)
    {
        using var bench = new RingThroughput(config, messages);
        var result = new RingThroughputResult { MessagesPerRun = messages.Length, Capacity = config.RingCapacity };
        result.Pinned = (bench._producer.Pinned, bench._consumer.Pinned);
        for (int run = 0; run < config.WarmupRuns + config.Runs; run++)
        {
            bool measured = run >= config.WarmupRuns;
            long before = measured ? guard.Probe() : 0;
            bench.Once(bench._single, result.Ring, measured, progress);
            bench.Once(bench._multi, result.RingMulti, measured, progress);
            bench.Once(null, result.Channels, measured, progress);
            if (measured)
            {
                long after = guard.Probe();
                result.Rounds.Add((before, after));
                progress.Line($"round {result.Rounds.Count}: cross-CPU round trip {Format.Ns(before)} before, {Format.Ns(after)} after");
            }
        }

        return result;
    }

    /// <summary>
    /// Judges a comparison by the whole run's lowest round trip, known only once every probe has run: the
    /// comparison runs first, so a run that starts on a displaced placement looks undisplaced while it runs. When
    /// a round ran displaced, waits for the placement to come back and, if it does and the guard allows repeats,
    /// returns the comparison measured again (<paramref name="measureAgain"/>) with the first set aside; otherwise
    /// the first, marked displaced.
    /// </summary>
    public static RingThroughputResult Recheck(RingThroughputResult first, PlacementGuard guard, Func<RingThroughputResult> measureAgain,
        Progress progress)
    {
        if (!IsDisplaced(first, guard))
        {
            return first;
        }

        string why = $"ring vs channels ran on a displaced placement (round trips up to {Format.Ns(first.Rounds.Max(r => Math.Max(r.Before, r.After)))}, " +
            $"against the run's lowest of {Format.Ns(guard.Floor)})";
        if (guard.Retries == 0 || !guard.WaitForPlacement())
        {
            progress.Line($"{why}; kept as displaced");
            first.Displaced = true;
            return first;
        }

        progress.Line($"{why}; measuring it again");
        RingThroughputResult again = measureAgain();
        again.SetAside = first;
        again.Displaced = IsDisplaced(again, guard);
        return again;
    }

    private static bool IsDisplaced(RingThroughputResult r, PlacementGuard guard) => r.Rounds.Any(x => guard.IsDisplaced(x.Before, x.After));

    /// <inheritdoc/>
    public void Dispose()
    {
        _producer.Dispose();
        _consumer.Dispose();
    }

    private void Once(MpscRing<OmsMessage>? ring, ThroughputSeries series, bool measured, Progress progress)
    {
        _ring = ring;
        GcSnapshot.Settle();
        GcSnapshot before = GcSnapshot.Take();
        _consumer.Run();
        _producer.Run();
        _producer.Wait();
        _consumer.Wait();
        GcDelta gc = GcSnapshot.Take().Since(before, _producerAllocated + _consumerAllocated);
        long elapsed = _end - _start;
        if (measured)
        {
            series.Add(_count, elapsed, gc);
        }

        progress.Line($"{series.Name}{(measured ? "" : " (discarded)")}: {Format.Rate(_count * 1e9 / Math.Max(1, elapsed))}, " +
            $"{gc.Collections} GC, {Format.Bytes(gc.AllocatedBytes)}");
    }

    private void Produce()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        OmsMessage[] messages = _messages;
        int count = _count;
        _start = NanoClock.Now();
        if (_ring is { } ring)
        {
            for (int i = 0, j = 0; i < count; i++)
            {
                long sequence;
                while (!ring.TryClaim(out sequence))
                {
                    Thread.SpinWait(1);
                }

                ring[sequence] = messages[j];
                ring.Publish(sequence);
                j = j + 1 == messages.Length ? 0 : j + 1;
            }
        }
        else
        {
            ChannelWriter<OmsMessage> writer = _channel.Writer;
            for (int i = 0, j = 0; i < count; i++)
            {
                while (!writer.TryWrite(messages[j]))
                {
                    Thread.SpinWait(1);
                }

                j = j + 1 == messages.Length ? 0 : j + 1;
            }
        }

        _producerAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }

    private void Consume()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        int count = _count;
        int consumed = 0;
        if (_ring is { } ring)
        {
            var cycle = new RingCycleSum();
            while (consumed < count)
            {
                int n = ring.Drain(ref cycle, 256);
                consumed += n;
                if (n == 0)
                {
                    Thread.SpinWait(1);
                }
            }

            _checksum += cycle.Sum;
        }
        else
        {
            ChannelReader<OmsMessage> reader = _channel.Reader;
            long sum = 0;
            while (consumed < count)
            {
                if (reader.TryRead(out OmsMessage m))
                {
                    sum += m.Timestamp;
                    consumed++;
                }
                else
                {
                    Thread.SpinWait(1);
                }
            }

            _checksum += sum;
        }

        _end = NanoClock.Now();
        _consumerAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    }

    private struct RingCycleSum : IRingHandler<OmsMessage>
    {
        public long Sum;

        public void OnMessage(ref OmsMessage message, long sequence) => Sum += message.Timestamp;
    }
}
