using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Latency.Support;
using Oms.Latency.Workload;

namespace Oms.Latency.Tests;

public sealed class LineAlignedMessagesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50_000)]
    public void Messages_start_on_a_line_and_stay_in_the_block(int length)
    {
        var messages = new LineAlignedMessages(length);
        Span<OmsMessage> span = messages.Span;

        Assert.Equal(length, span.Length);
        Assert.Equal(0, (long)Address(span) % 64);
        // The first and the last message read back as written, across a collection (the block is pinned, so
        // the span stays on it). A span running past the end of the block would not be detected here.
        span[0] = new OmsMessage { Kind = MessageKind.NewOrder, Price = 1 };
        span[^1] = new OmsMessage { Kind = MessageKind.ExecutionReport, Price = 2 };
        GC.Collect();
        Assert.Equal(MessageKind.ExecutionReport, messages.Span[^1].Kind);
        Assert.Equal(length == 1 ? 2 : 1, messages.Span[0].Price);
    }

    [Fact]
    public void Generator_fills_a_span_as_it_fills_an_array()
    {
        var array = new OmsMessage[2_000];
        new WorkingSetGenerator(7, 100).Fill(array, array.Length);
        var aligned = new LineAlignedMessages(2_000);
        new WorkingSetGenerator(7, 100).Fill(aligned.Span);

        Assert.True(MemoryMarshal.AsBytes(array.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(aligned.Span)));
    }

    // The absolute address of the first message: its distance from a null reference.
    private static nint Address(Span<OmsMessage> span) =>
        Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref Unsafe.As<OmsMessage, byte>(ref span[0]));
}
