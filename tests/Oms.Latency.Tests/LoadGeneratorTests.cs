using Oms.Engine;
using Oms.Latency.Latency;
using Oms.Ring;

namespace Oms.Latency.Tests;

/// <summary>
/// The load generator's schedule and stamps, over a bare ring: every message is stamped no earlier than it is due,
/// stamps never go backwards, and the stamp the harness keeps is the one the consumer reads in the slot.
/// </summary>
public sealed class LoadGeneratorTests
{
    [Theory]
    [InlineData(1_000_000L)]   // one message at a time: each stamped with the read that found it due
    [InlineData(0L)]           // unthrottled: bursts, whose later messages read the clock again
    public void Stamps_NeverBeforeTheSchedule_NeverBackwards_AndWhatTheConsumerReads(long rate)
    {
        const int count = 20_000;
        var messages = new OmsMessage[count];
        for (int i = 0; i < count; i++)
        {
            messages[i].Kind = MessageKind.ExecutionReport;
        }

        var ring = new MpscRing<OmsMessage>(1024, ProducerMode.Single);
        var seen = new long[count];
        using var host = new ConsumerHost<SlotStamps>("test-consumer", -1, new SlotStamps(ring, seen), 0);
        using var load = new LoadGenerator(ring, null, ThreadLayout.Shared, -1, -1);
        var times = new RunTimes(count);

        host.Start(times.Applied, 0, count);
        WindowTrace trace = load.Run(messages, count, rate, times, 0, 0);
        host.Stop();

        long[] stamp = times.Stamp;
        for (int i = 0; i < count; i++)
        {
            long due = rate > 0 ? trace.Start + (i * 1_000_000_000L / rate) : trace.Start;
            if (stamp[i] < due)
            {
                Assert.Fail($"message {i} stamped {due - stamp[i]} ns before it was due");
            }

            if (i > 0 && stamp[i] < stamp[i - 1])
            {
                Assert.Fail($"message {i} stamped {stamp[i - 1] - stamp[i]} ns before the one ahead of it");
            }

            Assert.Equal(stamp[i], seen[i]);
        }
    }

    /// <summary>Drains the ring, keeping each message's <see cref="OmsMessage.Timestamp"/> by its sequence.</summary>
    private readonly struct SlotStamps(MpscRing<OmsMessage> ring, long[] seen) : IDutyCycle, IRingHandler<OmsMessage>
    {
        public int DoWork()
        {
            SlotStamps self = this;
            return ring.Drain(ref self, 256);
        }

        public void OnMessage(ref OmsMessage message, long sequence) => seen[sequence] = message.Timestamp;
    }
}
