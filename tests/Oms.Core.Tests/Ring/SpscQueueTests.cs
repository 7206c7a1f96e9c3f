using Oms.Ring;

namespace Oms.Tests.Ring;

[Collection(RingStressCollection.Name)]
public sealed class SpscQueueTests
{
    private static readonly TimeSpan s_twoThreadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void TryRead_AfterWrites_ReturnsItemsInWriteOrder()
    {
        var queue = new SpscQueue<long>(8);
        for (long i = 1; i <= 5; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.Equal(5, queue.Count);
        for (long i = 1; i <= 5; i++)
        {
            Assert.True(queue.TryRead(out long item));
            Assert.Equal(i, item);
        }

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void TryRead_Empty_FalseWithDefault()
    {
        var queue = new SpscQueue<long>(4);

        Assert.False(queue.TryRead(out long item));
        Assert.Equal(0, item);

        Assert.True(queue.TryWrite(7));
        Assert.True(queue.TryRead(out _));
        Assert.False(queue.TryRead(out item));
        Assert.Equal(0, item);
    }

    [Fact]
    public void Drain_Empty_ReturnsZero()
    {
        var queue = new SpscQueue<long>(4);
        var handler = new CollectingHandler();

        Assert.Equal(0, queue.Drain(ref handler, int.MaxValue));
        Assert.Empty(handler.Values);
    }

    [Fact]
    public void TryWrite_Full_FalseUntilOneIsRead()
    {
        var queue = new SpscQueue<long>(4);
        for (long i = 0; i < 4; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.False(queue.TryWrite(99));
        Assert.False(queue.TryClaim(out _));
        Assert.Equal(4, queue.Count);

        Assert.True(queue.TryRead(out long first));
        Assert.Equal(0, first);
        Assert.True(queue.TryWrite(4));
        Assert.False(queue.TryWrite(99));

        var handler = new CollectingHandler();
        Assert.Equal(4, queue.Drain(ref handler, int.MaxValue));
        Assert.Equal([1L, 2, 3, 4], handler.Values);
    }

    [Fact]
    public void TryClaim_ThenCommit_WrittenInPlaceAndReadable()
    {
        var queue = new SpscQueue<long>(4);

        Assert.True(queue.TryClaim(out long sequence));
        Assert.Equal(0, sequence);
        queue[sequence] = 42;
        Assert.False(queue.TryRead(out _));

        queue.Commit(sequence);
        Assert.True(queue.TryRead(out long item));
        Assert.Equal(42, item);

        Assert.True(queue.TryClaim(out sequence));
        Assert.Equal(1, sequence);
    }

    [Fact]
    public void Drain_MoreThanLimit_HandsAtMostLimitInOrderWithSequences()
    {
        var queue = new SpscQueue<long>(16);
        for (long i = 0; i < 10; i++)
        {
            Assert.True(queue.TryWrite(i * 10));
        }

        var handler = new CollectingHandler();
        Assert.Equal(0, queue.Drain(ref handler, 0));
        Assert.Equal(4, queue.Drain(ref handler, 4));
        Assert.Equal(6, queue.Count);
        Assert.Equal(4, queue.Drain(ref handler, 4));
        Assert.Equal(2, queue.Drain(ref handler, 4));
        Assert.Equal(0, queue.Drain(ref handler, 4));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 10L), handler.Values);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), handler.Sequences);
    }

    [Fact]
    public void TryRead_ThousandItemsThroughCapacityFour_OrderKeptAcrossLaps()
    {
        var queue = new SpscQueue<long>(4);
        var handler = new CollectingHandler();
        long written = 0;
        int round = 0;
        while (written < 1000)
        {
            int batch = 1 + (round % 4);
            for (int i = 0; i < batch && written < 1000 && queue.TryWrite(written); i++)
            {
                written++;
            }

            // Alternate the two read paths.
            if (round % 2 == 0)
            {
                queue.Drain(ref handler, 1 + (round % 3));
            }
            else if (queue.TryRead(out long item))
            {
                handler.Values.Add(item);
            }

            round++;
        }

        while (queue.TryRead(out long item))
        {
            handler.Values.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), handler.Values);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void HasRoomFor_TracksFreeSlotsAndRefreshesAfterReads()
    {
        var queue = new SpscQueue<long>(8);

        Assert.True(queue.HasRoomFor(0));
        Assert.True(queue.HasRoomFor(8));
        Assert.False(queue.HasRoomFor(9));

        for (long i = 0; i < 5; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.True(queue.HasRoomFor(3));
        Assert.False(queue.HasRoomFor(4));

        // The producer's cached head is stale here; HasRoomFor must re-read the real head.
        Assert.True(queue.TryRead(out _));
        Assert.True(queue.TryRead(out _));
        Assert.True(queue.HasRoomFor(5));
        Assert.False(queue.HasRoomFor(6));

        for (long i = 0; i < 5; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.True(queue.HasRoomFor(0));
        Assert.False(queue.HasRoomFor(1));
        Assert.False(queue.TryWrite(99));
    }

    [Fact]
    public void HasRoomFor_TrueForN_ThenNWritesSucceed()
    {
        var queue = new SpscQueue<long>(8);
        for (long i = 0; i < 6; i++)
        {
            Assert.True(queue.TryWrite(i));
        }

        Assert.True(queue.TryRead(out _));

        Assert.True(queue.HasRoomFor(3));
        for (int i = 0; i < 3; i++)
        {
            Assert.True(queue.TryWrite(100 + i));
        }

        Assert.False(queue.HasRoomFor(1));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4)]
    public void TryRead_ProducerAndConsumerThreadsMillionItems_AllInOrder(int capacity)
    {
        const long total = 1_000_000;
        var queue = new SpscQueue<Item>(capacity);
        var threads = new TestThreads();
        long received = 0;

        void Produce()
        {
            for (long i = 0; i < total; i++)
            {
                // Alternate the copy-in and the claim/commit paths.
                long item = i;
                if ((i & 1) == 0)
                {
                    if (!threads.SpinUntil(() => queue.TryWrite(Item.Of(item))))
                    {
                        return;
                    }
                }
                else
                {
                    long sequence = 0;
                    if (!threads.SpinUntil(() => queue.TryClaim(out sequence)))
                    {
                        return;
                    }

                    queue[sequence] = Item.Of(i);
                    queue.Commit(sequence);
                }
            }
        }

        void Consume()
        {
            var handler = new OrderCheckingHandler();
            threads.Consume(() => handler.Next >= total, () => queue.Drain(ref handler, 100), () =>
            {
                bool got = queue.TryRead(out Item item);
                if (got)
                {
                    handler.OnMessage(ref item, handler.Next);
                }

                return got ? 1 : 0;
            });
            received = handler.Next;
        }

        TimeSpan elapsed = threads.Run(s_twoThreadTimeout, Produce, Consume);
        TestContext.Current.TestOutputHelper?.WriteLine($"SpscQueue({capacity}): {total:N0} items: {elapsed.TotalMilliseconds:N0} ms");

        Assert.Equal(total, received);
        Assert.Equal(0, queue.Count);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void Constructor_NotPowerOfTwoOrBelowTwo_ThrowsArgumentOutOfRange(int capacity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SpscQueue<long>(capacity));
        Assert.Equal("capacity", e.ParamName);
    }

    [Fact]
    public void Constructor_PowerOfTwo_CapacityAsGiven()
    {
        Assert.Equal(2, new SpscQueue<long>(2).Capacity);
        Assert.Equal(4096, new SpscQueue<long>(4096).Capacity);
    }

    private struct CollectingHandler() : IRingHandler<long>
    {
        public readonly List<long> Values = [];
        public readonly List<long> Sequences = [];

        public readonly void OnMessage(ref long message, long sequence)
        {
            Assert.True(Values.Count < 100_000, "drain handed out far more items than were written");
            Values.Add(message);
            Sequences.Add(sequence);
        }
    }

    /// <summary>A 64-byte item: the value at the front and a check at the back, to catch torn or stale reads.</summary>
    private struct Item
    {
        public long Value;
        public long A;
        public long B;
        public long C;
        public long D;
        public long E;
        public long F;
        public long Check;

        public static Item Of(long value) => new()
        {
            Value = value,
            A = value + 1,
            B = value + 2,
            C = value + 3,
            D = value + 4,
            E = value + 5,
            F = value + 6,
            Check = ~value,
        };

        public readonly bool IsIntact => Check == ~Value && A == Value + 1 && F == Value + 6;
    }

    /// <summary>Expects item i at sequence i: 0, 1, 2… with no gap, repeat, reorder or torn item; throws otherwise.</summary>
    private struct OrderCheckingHandler : IRingHandler<Item>
    {
        public long Next;

        public void OnMessage(ref Item message, long sequence)
        {
            if (!message.IsIntact || message.Value != Next || sequence != Next)
            {
                Assert.Fail($"expected item {Next}, got item {message.Value} (intact: {message.IsIntact}) at sequence {sequence}");
            }

            Next++;
        }
    }
}
