using Oms.Engine;
using Oms.Ring;

namespace Oms.Tests.Ring;

[Collection(RingStressCollection.Name)]
public sealed class EventStreamTests
{
    private static readonly TimeSpan s_twoThreadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void TryRead_AfterPublishes_EventsInOrderWithEveryLine()
    {
        var stream = new EventStream(8);
        for (long n = 1; n <= 5; n++)
        {
            Publish(stream, n);
        }

        Assert.Equal(5, stream.Count);
        for (long n = 1; n <= 5; n++)
        {
            Assert.True(stream.TryRead(out OmsEvent e));
            Assert.Equal(n, e.Sequence);
            Assert.True(IsIntact(in e), $"event {n} read whole");
        }

        Assert.False(stream.TryRead(out OmsEvent none));
        Assert.Equal(default, none);
        Assert.Equal(0, stream.Count);
    }

    [Fact]
    public void ClaimedButNotPublished_NotReadable()
    {
        var stream = new EventStream(4);
        var handler = new CollectingHandler();

        Assert.True(stream.TryClaim(out long at));
        Assert.Equal(0, at);
        Assert.False(stream.TryRead(out _));
        Assert.Equal(0, stream.Drain(ref handler, int.MaxValue));
        Assert.Equal(0, stream.Count);

        stream.Publish(at, Event(1));
        Assert.Equal(1, stream.Drain(ref handler, int.MaxValue));
        Assert.Equal([1L], handler.Numbers);
    }

    [Fact]
    public void NumbersWithGaps_EveryPublishedEventRead()
    {
        // The engine uses a number for an event it had to drop: the consumer sees the gap, and reads on.
        var stream = new EventStream(8);
        foreach (long n in (long[])[1, 2, 5, 6, 9])
        {
            Publish(stream, n);
        }

        var handler = new CollectingHandler();
        Assert.Equal(5, stream.Drain(ref handler, int.MaxValue));
        Assert.Equal([1L, 2, 5, 6, 9], handler.Numbers);
        Assert.Equal([0L, 1, 2, 3, 4], handler.Positions);
    }

    [Fact]
    public void SlotHoldingAnOlderNumber_NotRead()
    {
        // A slot still holding the previous lap's event (or poison: 0xA5… is negative) is not a new event.
        var stream = new EventStream(2);
        Publish(stream, 1);
        Publish(stream, 2);
        Assert.True(stream.TryRead(out _));
        Assert.True(stream.TryRead(out _));

        Assert.False(stream.TryRead(out _));
        stream.Slots.SlotBytes.Fill(0xA5);
        Assert.False(stream.TryRead(out _));
        var handler = new CollectingHandler();
        Assert.Equal(0, stream.Drain(ref handler, int.MaxValue));
    }

    [Fact]
    public void Full_ClaimFalseUntilOneIsRead()
    {
        var stream = new EventStream(4);
        for (long n = 1; n <= 4; n++)
        {
            Publish(stream, n);
        }

        Assert.False(stream.TryClaim(out _));
        Assert.Equal(4, stream.Count);

        Assert.True(stream.TryRead(out OmsEvent first));
        Assert.Equal(1, first.Sequence);
        Publish(stream, 5);
        Assert.False(stream.TryClaim(out _));

        var handler = new CollectingHandler();
        Assert.Equal(2, stream.Drain(ref handler, 2));
        Assert.Equal(2, stream.Drain(ref handler, int.MaxValue));
        Assert.Equal([2L, 3, 4, 5], handler.Numbers);
    }

    [Fact]
    public void ThousandEventsThroughCapacityFour_OrderKeptAcrossLaps()
    {
        var stream = new EventStream(4);
        var handler = new CollectingHandler();
        long next = 1;
        int round = 0;
        while (next <= 1000)
        {
            int batch = 1 + (round % 4);
            for (int i = 0; i < batch && next <= 1000 && stream.TryClaim(out long at); i++)
            {
                stream.Publish(at, Event(next++));
            }

            // Alternate the two read paths.
            if (round % 2 == 0)
            {
                stream.Drain(ref handler, 1 + (round % 3));
            }
            else if (stream.TryRead(out OmsEvent e))
            {
                handler.Numbers.Add(e.Sequence);
            }

            round++;
        }

        while (stream.TryRead(out OmsEvent e))
        {
            handler.Numbers.Add(e.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), handler.Numbers);
        Assert.Equal(0, stream.Count);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4)]
    public void EngineAndConsumerThreads_MillionEvents_EachWholeAndInOrder(int capacity)
    {
        // The consumer polls the very slot the producer writes: an event it takes for published must be whole
        // (every line of it), in order, with the gaps the producer left (every seventh number, as for a drop).
        const long total = 1_000_000;
        var stream = new EventStream(capacity);
        var threads = new TestThreads();
        long received = 0;
        long last = 0;

        void Produce()
        {
            for (long n = 1; n <= total; n++)
            {
                long at = 0;
                if (n % 7 == 0)
                {
                    continue;
                }

                if (!threads.SpinUntil(() => stream.TryClaim(out at)))
                {
                    return;
                }

                stream.Publish(at, Event(n));
            }
        }

        void Consume()
        {
            var handler = new CheckingHandler();
            long expected = total - (total / 7);
            threads.Consume(() => handler.Count >= expected, () => stream.Drain(ref handler, 100), () =>
            {
                bool got = stream.TryRead(out OmsEvent e);
                if (got)
                {
                    handler.OnMessage(ref e, handler.Count);
                }

                return got ? 1 : 0;
            });
            received = handler.Count;
            last = handler.Last;
        }

        TimeSpan elapsed = threads.Run(s_twoThreadTimeout, Produce, Consume);
        TestContext.Current.TestOutputHelper?.WriteLine($"EventStream({capacity}): {total:N0} numbers: {elapsed.TotalMilliseconds:N0} ms");

        Assert.Equal(total - (total / 7), received);
        Assert.Equal(total, last);
        Assert.Equal(0, stream.Count);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void Constructor_NotPowerOfTwoOrBelowTwo_ThrowsArgumentOutOfRange(int capacity)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EventStream(capacity));
        Assert.Equal("capacity", e.ParamName);
    }

    private static void Publish(EventStream stream, long number)
    {
        Assert.True(stream.TryClaim(out long at));
        stream.Publish(at, Event(number));
    }

    /// <summary>An event numbered <paramref name="n"/> whose fields on each of its three lines are derived from the number.</summary>
    private static OmsEvent Event(long n) => new()
    {
        Kind = EventKind.Filled,
        StrategyId = (int)n,
        Sequence = n,
        Timestamp = n + 1,
        InputSequence = -n,
        OrderQty = n + 2,
        LastQty = n + 3,
        CumQty = n + 4,
        PositionNetQty = n + 5,
        PositionRealizedPnl = ~(Int128)n,
    };

    private static bool IsIntact(in OmsEvent e) =>
        e.Kind == EventKind.Filled && e.StrategyId == (int)e.Sequence && e.Timestamp == e.Sequence + 1
        && e.InputSequence == -e.Sequence && e.OrderQty == e.Sequence + 2 && e.LastQty == e.Sequence + 3
        && e.CumQty == e.Sequence + 4 && e.PositionNetQty == e.Sequence + 5 && e.PositionRealizedPnl == ~(Int128)e.Sequence;

    private struct CollectingHandler() : IRingHandler<OmsEvent>
    {
        public readonly List<long> Numbers = [];
        public readonly List<long> Positions = [];

        public readonly void OnMessage(ref OmsEvent message, long sequence)
        {
            Assert.True(IsIntact(in message), $"event {message.Sequence} read whole");
            Numbers.Add(message.Sequence);
            Positions.Add(sequence);
        }
    }

    /// <summary>Expects whole events, numbered upward past every seventh, at positions 0, 1, 2…; throws otherwise.</summary>
    private struct CheckingHandler : IRingHandler<OmsEvent>
    {
        public long Count;
        public long Last;

        public void OnMessage(ref OmsEvent message, long sequence)
        {
            long expected = Last + 1 + ((Last + 1) % 7 == 0 ? 1 : 0);
            // Read once: the producer may finish a torn event while the message is formatted.
            bool whole = IsIntact(in message);
            long number = message.Sequence;
            if (!whole || number != expected || sequence != Count)
            {
                Assert.Fail($"expected event {expected} at position {Count}, got event {number} (whole: {whole}) at {sequence}");
            }

            Last = message.Sequence;
            Count++;
        }
    }
}
