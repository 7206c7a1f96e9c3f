using System.Diagnostics;
using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Tests.Ring;

[Collection(RingStressCollection.Name)]
public sealed class MpscRingTests
{
    private const int Producers = 4;
    private const int StressMessages = 2_000_000;
    private const int StressCapacity = 1024;
    private const int StressDrainLimit = 256;
    private static readonly TimeSpan s_stressTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stallTimeout = TimeSpan.FromSeconds(10);

    // ---- Multi-producer stress -------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(StressDrainLimit)]
    [InlineData(int.MaxValue)]
    public void Drain_FourProducersTestPayload_EveryMessageOnceInProducerOrder(int drainLimit)
    {
        RunStress<StressPayload, StressPayloadCodec>(StressCapacity, StressMessages, drainLimit);
    }

    [Fact]
    public void Drain_FourProducersOmsMessage_EveryMessageOnceInProducerOrder()
    {
        RunStress<OmsMessage, OmsMessageCodec>(StressCapacity, StressMessages, StressDrainLimit);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(8, 3)]
    [InlineData(8, int.MaxValue)]
    public void Drain_FourProducersTinyRing_EveryMessageOnceInProducerOrder(int capacity, int drainLimit)
    {
        // A tiny ring is full almost all the time: stresses the full check, the cached gating
        // sequence and the lap flags on every slot, lap after lap.
        RunStress<StressPayload, StressPayloadCodec>(capacity, totalMessages: 400_000, drainLimit);
    }

    [Theory]
    [InlineData(StressCapacity, ClaimStyle.InPlace)]
    [InlineData(StressCapacity, ClaimStyle.Copy)]
    [InlineData(StressCapacity, ClaimStyle.Batch)]
    [InlineData(2, ClaimStyle.InPlace)]
    [InlineData(8, ClaimStyle.Batch)]
    public void Drain_SingleProducerMode_EveryMessageOnceInOrder(int capacity, ClaimStyle style)
    {
        // One owning thread claims with plain stores: the consumer must still see each slot whole, once,
        // in order, on a ring that is full most of the time (capacity 2 and 8) or rarely (1024).
        RunStress<StressPayload, StressPayloadCodec>(capacity, 1_000_000, StressDrainLimit, ProducerMode.Single, producers: 1, style);
    }

    [Fact]
    public void Drain_SingleProducerModeOmsMessage_EveryMessageOnceInOrder()
    {
        RunStress<OmsMessage, OmsMessageCodec>(StressCapacity, 1_000_000, StressDrainLimit, ProducerMode.Single, producers: 1, ClaimStyle.InPlace);
    }

    [Theory]
    [InlineData(StressCapacity)]
    [InlineData(8)]
    public void Drain_FourProducersBatchClaims_EveryMessageOnceInProducerOrder(int capacity)
    {
        // Batch claims of 1..7 slots racing single claims and copies on one cursor.
        RunStress<StressPayload, StressPayloadCodec>(capacity, 800_000, StressDrainLimit, ProducerMode.Multi, Producers, ClaimStyle.Batch);
    }

    /// <summary>How a stress producer claims. Mixed: producers alternate in-place and copy (and batch, when asked).</summary>
    public enum ClaimStyle
    {
        /// <summary>TryClaim one slot, write it in place, publish.</summary>
        InPlace,
        /// <summary>TryPublish a copy.</summary>
        Copy,
        /// <summary>TryClaim 1..7 slots at once, write and publish each.</summary>
        Batch,
    }

    private static void RunStress<T, TCodec>(int capacity, int totalMessages, int drainLimit)
        where T : unmanaged
        where TCodec : IStressCodec<T> =>
        RunStress<T, TCodec>(capacity, totalMessages, drainLimit, ProducerMode.Multi, Producers, style: null);

    private static void RunStress<T, TCodec>(int capacity, int totalMessages, int drainLimit, ProducerMode mode, int producers, ClaimStyle? style)
        where T : unmanaged
        where TCodec : IStressCodec<T>
    {
        var ring = new MpscRing<T>(capacity, mode);
        var threads = new TestThreads();
        int perProducer = totalMessages / producers;
        totalMessages = perProducer * producers;
        using var start = new Barrier(producers + 1);

        var actions = new Action[producers + 1];
        for (int p = 0; p < producers; p++)
        {
            int producerId = p;
            // With a style asked for, the first producer uses it and the others alternate the plain two.
            ClaimStyle own = style is { } asked && p == 0 ? asked : (p % 2 == 0 ? ClaimStyle.InPlace : ClaimStyle.Copy);
            actions[p] = () => Produce<T, TCodec>(ring, threads, start, producerId, perProducer, own);
        }

        var handler = new VerifyingHandler<T, TCodec>(producers);
        actions[producers] = () =>
        {
            start.SignalAndWait();
            var spin = new SpinWait();
            long idleSince = 0;
            while (handler.Received < totalMessages && !threads.StopRequested)
            {
                if (ring.Drain(ref handler, drainLimit) > 0)
                {
                    spin.Reset();
                    idleSince = 0;
                    continue;
                }

                // Nothing published at the consumer cursor: fine for a moment, a bug if it lasts.
                if (idleSince == 0)
                {
                    idleSince = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(idleSince) > s_stallTimeout)
                {
                    Assert.Fail($"consumer stalled at ring sequence {ring.ConsumedCount} for {s_stallTimeout.TotalSeconds:0} s (depth {ring.Depth}): a claimed slot was never published or was overwritten");
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }
        };

        TimeSpan elapsed = threads.Run(s_stressTimeout, actions);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{typeof(T).Name}: {totalMessages:N0} messages, ring {capacity}, limit {drainLimit}: {elapsed.TotalMilliseconds:N0} ms");

        Assert.Equal(totalMessages, handler.Received);
        for (int p = 0; p < producers; p++)
        {
            Assert.Equal(perProducer, handler.NextExpected[p]);
        }

        Assert.Equal(totalMessages, ring.ConsumedCount);
        Assert.Equal(0, ring.Depth);
    }

    private static void Produce<T, TCodec>(MpscRing<T> ring, TestThreads threads, Barrier start, int producerId, int count, ClaimStyle style)
        where T : unmanaged
        where TCodec : IStressCodec<T>
    {
        start.SignalAndWait();
        if (style == ClaimStyle.Batch)
        {
            ProduceBatches<T, TCodec>(ring, threads, producerId, count);
            return;
        }

        var spin = new SpinWait();

        for (long s = 0; s < count; s++)
        {
            if (style == ClaimStyle.InPlace)
            {
                long sequence;
                while (!ring.TryClaim(out sequence))
                {
                    if (threads.StopRequested)
                    {
                        return;
                    }

                    spin.SpinOnce(sleep1Threshold: -1);
                }

                TCodec.Write(ref ring[sequence], producerId, s);
                ring.Publish(sequence);
            }
            else
            {
                T message = default;
                TCodec.Write(ref message, producerId, s);
                while (!ring.TryPublish(in message))
                {
                    if (threads.StopRequested)
                    {
                        return;
                    }

                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            spin.Reset();
        }
    }

    private static void ProduceBatches<T, TCodec>(MpscRing<T> ring, TestThreads threads, int producerId, int count)
        where T : unmanaged
        where TCodec : IStressCodec<T>
    {
        var spin = new SpinWait();
        long s = 0;
        int round = 0;
        while (s < count)
        {
            int batch = (int)Math.Min(Math.Min(1 + (round++ % 7), ring.Capacity), count - s);
            long first;
            while (!ring.TryClaim(batch, out first))
            {
                if (threads.StopRequested)
                {
                    return;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            // Publish the batch back to front: the consumer must still wait for its first slot.
            for (int i = batch - 1; i >= 0; i--)
            {
                TCodec.Write(ref ring[first + i], producerId, s + i);
                ring.Publish(first + i);
            }

            s += batch;
            spin.Reset();
        }
    }

    // ---- Batch claims and the single-producer mode --------------------------------------------------

    [Theory]
    [InlineData(ProducerMode.Multi)]
    [InlineData(ProducerMode.Single)]
    public void TryClaimBatch_FreeSlotsBoundary_AllOrNothing(ProducerMode mode)
    {
        var ring = new MpscRing<StressPayload>(8, mode);
        Assert.True(ring.TryClaim(5, out long first));
        Assert.Equal(0, first);
        for (int i = 0; i < 5; i++)
        {
            StressPayloadCodec.Write(ref ring[first + i], 0, first + i);
            ring.Publish(first + i);
        }

        // Three slots are free: four is refused and claims nothing, three succeed.
        Assert.False(ring.TryClaim(4, out long refused));
        Assert.Equal(-1, refused);
        Assert.Equal(5, ring.Depth);
        Assert.True(ring.TryClaim(3, out long rest));
        Assert.Equal(5, rest);
        for (int i = 0; i < 3; i++)
        {
            StressPayloadCodec.Write(ref ring[rest + i], 0, rest + i);
            ring.Publish(rest + i);
        }

        Assert.False(ring.TryClaim(out _));
        var handler = new CollectingHandler();
        Assert.Equal(2, ring.Drain(ref handler, 2));
        Assert.False(ring.TryClaim(3, out _));
        Assert.True(ring.TryClaim(2, out long wrapped));
        Assert.Equal(8, wrapped);
        for (int i = 0; i < 2; i++)
        {
            StressPayloadCodec.Write(ref ring[wrapped + i], 0, wrapped + i);
            ring.Publish(wrapped + i);
        }

        Assert.Equal(8, ring.Drain(ref handler, int.MaxValue));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), handler.Values);
    }

    [Theory]
    [InlineData(ProducerMode.Multi, 0)]
    [InlineData(ProducerMode.Multi, -1)]
    [InlineData(ProducerMode.Multi, 9)]
    [InlineData(ProducerMode.Single, 0)]
    [InlineData(ProducerMode.Single, 9)]
    public void TryClaimBatch_CountOutsideOneToCapacity_ThrowsAndClaimsNothing(ProducerMode mode, int count)
    {
        var ring = new MpscRing<StressPayload>(8, mode);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryClaim(count, out _));
        Assert.Equal("count", e.ParamName);
        Assert.Equal(0, ring.Depth);
        Assert.True(ring.TryClaim(8, out long first));
        Assert.Equal(0, first);
    }

    [Fact]
    public void TryClaim_SingleModeFromSecondThread_ThrowsAndOwnerCarriesOn()
    {
        var ring = new MpscRing<StressPayload>(8, ProducerMode.Single);
        Assert.Equal(ProducerMode.Single, ring.Producers);
        Assert.True(ring.TryPublish(Payload(0)));

        Exception? seen = null;
        var other = new Thread(() => seen = Record.Exception(() => ring.TryPublish(Payload(99))));
        other.Start();
        other.Join();

        var e = Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("single-producer", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, ring.Depth);
        Assert.True(ring.TryPublish(Payload(1)));
        var handler = new CollectingHandler();
        Assert.Equal(2, ring.Drain(ref handler, int.MaxValue));
        Assert.Equal([0L, 1], handler.Values);
    }

    [Fact]
    public void Constructor_UnknownProducerMode_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MpscRing<StressPayload>(8, (ProducerMode)2));
        Assert.Equal("producers", e.ParamName);
    }

    // ---- Back-pressure ---------------------------------------------------------------------------

    [Fact]
    public void TryClaim_CapacityOutstanding_FalseUntilDrained()
    {
        const int capacity = 8;
        var ring = new MpscRing<StressPayload>(capacity);

        for (int i = 0; i < capacity; i++)
        {
            Assert.True(ring.TryClaim(out long sequence), $"claim {i} of {capacity} must succeed");
            Assert.Equal(i, sequence);
            StressPayloadCodec.Write(ref ring[sequence], 0, i);
            ring.Publish(sequence);
        }

        Assert.Equal(capacity, ring.Depth);
        Assert.False(ring.TryClaim(out long refused));
        Assert.Equal(-1, refused);
        Assert.False(ring.TryPublish(Payload(99)));
        Assert.Equal(capacity, ring.Depth);

        var handler = new CollectingHandler();
        Assert.Equal(3, ring.Drain(ref handler, 3));
        Assert.Equal([0L, 1, 2], handler.Values);

        for (int i = 0; i < 3; i++)
        {
            Assert.True(ring.TryPublish(Payload(capacity + i)), $"publish {i} after drain must succeed");
        }

        Assert.False(ring.TryPublish(Payload(99)));
        Assert.False(ring.TryClaim(out _));

        handler = new CollectingHandler();
        Assert.Equal(capacity, ring.Drain(ref handler, int.MaxValue));
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10], handler.Values);
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10], handler.Sequences);
        Assert.Equal(0, ring.Depth);
    }

    [Fact]
    public void TryPublish_EachFillLevel_SucceedsExactlyBelowCapacity()
    {
        const int capacity = 16;
        var ring = new MpscRing<StressPayload>(capacity);
        var handler = new CollectingHandler();
        long next = 0;

        // Re-fill to every level from 0 to capacity, across several laps, and probe one more claim.
        for (int level = 0; level <= capacity; level++)
        {
            for (int i = 0; i < level; i++)
            {
                Assert.True(ring.TryPublish(Payload(next++)));
            }

            Assert.Equal(level < capacity, ring.TryClaim(out long probe));
            if (level < capacity)
            {
                StressPayloadCodec.Write(ref ring[probe], 0, next++);
                ring.Publish(probe);
            }

            ring.Drain(ref handler, int.MaxValue);
            Assert.Equal(0, ring.Depth);
        }

        Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), handler.Values);
    }

    [Fact]
    public void TryClaim_CapacityClaimedButUnpublished_FalseAndDrainReturnsZero()
    {
        var ring = new MpscRing<StressPayload>(4);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryClaim(out _));
        }

        Assert.False(ring.TryClaim(out _));
        var handler = new CollectingHandler();
        Assert.Equal(0, ring.Drain(ref handler, int.MaxValue));
        Assert.False(ring.TryClaim(out _));
    }

    // ---- Drain -----------------------------------------------------------------------------------

    [Fact]
    public void Drain_MorePublishedThanLimit_HandsAtMostLimitInOrder()
    {
        var ring = new MpscRing<StressPayload>(16);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(ring.TryPublish(Payload(i)));
        }

        var handler = new CollectingHandler();
        Assert.Equal(0, ring.Drain(ref handler, 0));
        Assert.Equal(4, ring.Drain(ref handler, 4));
        Assert.Equal(4, ring.ConsumedCount);
        Assert.Equal(4, ring.Drain(ref handler, 4));
        Assert.Equal(2, ring.Drain(ref handler, 4));
        Assert.Equal(0, ring.Drain(ref handler, 4));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), handler.Values);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), handler.Sequences);
        Assert.Equal(10, ring.ConsumedCount);
    }

    [Fact]
    public void Drain_LaterSlotPublishedFirst_StopsAtFirstUnpublished()
    {
        var ring = new MpscRing<StressPayload>(8);
        Assert.True(ring.TryClaim(out long first));
        Assert.True(ring.TryClaim(out long second));
        StressPayloadCodec.Write(ref ring[first], 0, 100);
        StressPayloadCodec.Write(ref ring[second], 0, 200);

        ring.Publish(second);
        var handler = new CollectingHandler();
        Assert.Equal(0, ring.Drain(ref handler, int.MaxValue));
        Assert.Empty(handler.Values);
        Assert.Equal(0, ring.ConsumedCount);

        ring.Publish(first);
        Assert.Equal(2, ring.Drain(ref handler, int.MaxValue));
        Assert.Equal([100L, 200], handler.Values);
        Assert.Equal([first, second], handler.Sequences);
    }

    [Fact]
    public void Drain_GapInLaterLap_StopsAtGapAndDoesNotReadOldLap()
    {
        // After a full lap, a slot still holds the previous lap's flag: the consumer must not take it
        // as published for the new lap.
        var ring = new MpscRing<StressPayload>(4);
        var handler = new CollectingHandler();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryPublish(Payload(i)));
        }

        Assert.Equal(4, ring.Drain(ref handler, int.MaxValue));

        Assert.True(ring.TryClaim(out long a));
        Assert.True(ring.TryClaim(out long b));
        StressPayloadCodec.Write(ref ring[b], 0, 5);
        ring.Publish(b);
        Assert.Equal(0, ring.Drain(ref handler, int.MaxValue));

        StressPayloadCodec.Write(ref ring[a], 0, 4);
        ring.Publish(a);
        Assert.Equal(2, ring.Drain(ref handler, int.MaxValue));
        Assert.Equal([0L, 1, 2, 3, 4, 5], handler.Values);
    }

    // ---- Wrap-around -----------------------------------------------------------------------------

    [Fact]
    public void Drain_ThousandMessagesThroughCapacityFour_OrderKeptAcrossLaps()
    {
        var ring = new MpscRing<StressPayload>(4);
        var handler = new CollectingHandler();
        int published = 0;
        int round = 0;
        while (published < 1000)
        {
            // Vary the batch sizes so the ring is sometimes full and the drain limit sometimes binds.
            int batch = Math.Min(1 + (round % 4), ring.Capacity - (int)ring.Depth);
            for (int i = 0; i < batch && published < 1000; i++)
            {
                Assert.True(ring.TryPublish(Payload(published)), $"publish {published}");
                published++;
            }

            ring.Drain(ref handler, 1 + (round % 3));
            round++;
        }

        while (ring.Drain(ref handler, int.MaxValue) > 0)
        {
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), handler.Values);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), handler.Sequences);
        Assert.Equal(1000, ring.ConsumedCount);
        Assert.Equal(0, ring.Depth);
    }

    // ---- Constructor -----------------------------------------------------------------------------

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-4)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Constructor_NotPowerOfTwoOrBelowTwo_ThrowsArgumentOutOfRange(int capacity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MpscRing<StressPayload>(capacity));
        Assert.Equal("capacity", e.ParamName);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(1024)]
    public void Constructor_PowerOfTwo_CapacityAsGiven(int capacity)
    {
        var ring = new MpscRing<StressPayload>(capacity);

        Assert.Equal(capacity, ring.Capacity);
        Assert.Equal(0, ring.Depth);
        Assert.Equal(0, ring.ConsumedCount);
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    private static StressPayload Payload(long value)
    {
        StressPayload payload = default;
        StressPayloadCodec.Write(ref payload, 0, value);
        return payload;
    }

    /// <summary>Test-only slot: (producer, sequence) at the front, a check copy at the back to catch torn reads.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StressPayload
    {
        public int ProducerId;
        public int ProducerCheck;
        public long Sequence;
        public long Middle;
        public long SequenceCheck;
    }

    /// <summary>How the stress test writes and reads (producer, sequence) in a slot type.</summary>
    private interface IStressCodec<T> where T : unmanaged
    {
        static abstract void Write(ref T slot, int producerId, long sequence);

        /// <summary>False when the slot's head and tail disagree (a torn or stale slot).</summary>
        static abstract bool TryRead(ref T slot, out int producerId, out long sequence);
    }

    private readonly struct StressPayloadCodec : IStressCodec<StressPayload>
    {
        public static void Write(ref StressPayload slot, int producerId, long sequence)
        {
            slot.ProducerId = producerId;
            slot.Sequence = sequence;
            slot.Middle = sequence * 31 + producerId;
            slot.ProducerCheck = ~producerId;
            slot.SequenceCheck = ~sequence;
        }

        public static bool TryRead(ref StressPayload slot, out int producerId, out long sequence)
        {
            producerId = slot.ProducerId;
            sequence = slot.Sequence;
            return slot.ProducerCheck == ~producerId
                && slot.SequenceCheck == ~sequence
                && slot.Middle == sequence * 31 + producerId;
        }
    }

    private readonly struct OmsMessageCodec : IStressCodec<OmsMessage>
    {
        public static void Write(ref OmsMessage slot, int producerId, long sequence)
        {
            slot.Kind = MessageKind.NewOrder;
            slot.StrategyId = producerId;
            slot.Timestamp = sequence;
            slot.OrderQty = producerId;
            // The last field: a check against a torn (half-written) slot.
            slot.ExpireTime = ~sequence;
        }

        public static bool TryRead(ref OmsMessage slot, out int producerId, out long sequence)
        {
            producerId = slot.StrategyId;
            sequence = slot.Timestamp;
            return slot.Kind == MessageKind.NewOrder
                && slot.OrderQty == producerId
                && slot.ExpireTime == ~sequence;
        }
    }

    /// <summary>
    /// Checks every message as it arrives: ring sequences contiguous from 0, slot intact, and per
    /// producer exactly the next expected sequence (strictly increasing, no gaps, no duplicates).
    /// Fails by throwing, which leaves <see cref="MpscRing{T}.Drain{THandler}"/> at once even with an
    /// unbounded limit; the consumer thread's exception fails the test.
    /// </summary>
    private struct VerifyingHandler<T, TCodec>(int producers) : IRingHandler<T>
        where T : unmanaged
        where TCodec : IStressCodec<T>
    {
        public readonly long[] NextExpected = new long[producers];
        public long Received;

        public void OnMessage(ref T message, long sequence)
        {
            if (sequence != Received)
            {
                Assert.Fail($"ring sequence {sequence} handed out, expected {Received}");
            }

            if (!TCodec.TryRead(ref message, out int producerId, out long producerSequence))
            {
                Assert.Fail($"torn or stale slot at ring sequence {sequence}");
            }

            if ((uint)producerId >= (uint)NextExpected.Length)
            {
                Assert.Fail($"unknown producer {producerId} at ring sequence {sequence}");
            }

            if (producerSequence != NextExpected[producerId])
            {
                Assert.Fail($"producer {producerId}: got {producerSequence}, expected {NextExpected[producerId]} (ring sequence {sequence})");
            }

            NextExpected[producerId] = producerSequence + 1;
            Received++;
        }
    }

    private struct CollectingHandler() : IRingHandler<StressPayload>
    {
        public readonly List<long> Values = [];
        public readonly List<long> Sequences = [];

        public readonly void OnMessage(ref StressPayload message, long sequence)
        {
            // A bound so a drain that never stops fails instead of filling memory.
            Assert.True(Values.Count < 100_000, "drain handed out far more messages than were published");
            Assert.True(StressPayloadCodec.TryRead(ref message, out _, out long value), "slot intact");
            Values.Add(value);
            Sequences.Add(sequence);
        }
    }
}
