using System.Buffers;
using System.Text;
using Oms.Domain;
using Oms.Fix.Tests.Support;

namespace Oms.Fix.Tests.Writing;

public sealed class FixWriterTests
{
    private static readonly long s_sendingTime = TranslatorFixture.Time("20261125-13:30:00.123");
    private static readonly long s_transactTime = TranslatorFixture.Time("20261125-13:30:00.100");

    private readonly FixParser _parser = new();

    [Theory]
    [InlineData(FixSeparator.Soh)]
    [InlineData(FixSeparator.Pipe)]
    [InlineData(FixSeparator.Caret)]
    public void TryWrite_NewOrderSingle_GivesExactlyTheExpectedLine(FixSeparator separator)
    {
        byte[] written = Write(Writer(separator), 7, NewOrder());

        // The reference line is framed by the test's naive BodyLength and CheckSum, computed on the SOH form.
        Assert.Equal(FixLines.Show(FixLines.Build(Samples.NewOrderSingle, separator)), FixLines.Show(written));
    }

    [Fact]
    public void TryWrite_EveryMessageType_ParsesBackAsThatType()
    {
        FixWriter writer = Writer(FixSeparator.Soh);
        (FixMsgType Type, byte[] Line)[] lines =
        [
            (FixMsgType.NewOrderSingle, Write(writer, 1, NewOrder())),
            (FixMsgType.OrderCancelRequest, Write(writer, 2, new FixOrderCancelRequest
            {
                ClOrdId = "C"u8, OrigClOrdId = "O"u8, Symbol = "AAPL"u8, Side = Side.Sell, TransactTime = s_transactTime,
            })),
            (FixMsgType.OrderCancelReplaceRequest, Write(writer, 3, new FixOrderCancelReplaceRequest
            {
                ClOrdId = "R"u8, OrigClOrdId = "O"u8, Symbol = "AAPL"u8, Side = Side.Sell, OrderType = OrderType.Market,
                OrderQty = 5, TransactTime = s_transactTime,
            })),
            (FixMsgType.ExecutionReport, Write(writer, 4, new FixExecutionReport
            {
                ExecId = "E"u8, Symbol = "AAPL"u8, Side = Side.Buy, ExecType = ExecType.New, OrdStatus = OrderStatus.New,
                TransactTime = s_transactTime,
            })),
            (FixMsgType.OrderCancelReject, Write(writer, 5, new FixOrderCancelReject
            {
                ClOrdId = "C"u8, OrigClOrdId = "O"u8, OrdStatus = OrderStatus.New, TransactTime = s_transactTime,
            })),
            (FixMsgType.OrderStatusRequest, Write(writer, 6, new FixOrderStatusRequest { ClOrdId = "O"u8, Symbol = "AAPL"u8, Side = Side.Buy })),
        ];

        foreach ((FixMsgType type, byte[] line) in lines)
        {
            var strict = new FixParser(new FixParserOptions { RequireBodyLength = true, RequireCheckSum = true });
            Assert.True(strict.TryParse(line, out FixMessage m, out FixError error), $"{error}: {FixLines.Show(line)}");
            Assert.Equal(type, m.MsgType);
            Assert.Equal("BUYSIDE"u8, m.Get(FixTag.SenderCompId));
            Assert.Equal("VENUE"u8, m.Get(FixTag.TargetCompId));
            Assert.Equal(FixError.None, m.ReadTimestamp(FixTag.SendingTime, out long sent));
            Assert.Equal(s_sendingTime, sent);
        }
    }

    [Fact]
    public void TryWrite_EmptyOrderIdOnReport_WritesNone()
    {
        byte[] line = Write(Writer(FixSeparator.Pipe), 1, new FixOrderCancelReject
        {
            ClOrdId = "C"u8, OrigClOrdId = "O"u8, OrdStatus = OrderStatus.New,
        });
        Assert.Contains("|37=NONE|", Encoding.ASCII.GetString(line), StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_DestinationTooSmall_FalseForEveryShorterLength()
    {
        FixWriter writer = Writer(FixSeparator.Caret);
        byte[] full = Write(writer, 7, NewOrder());
        byte[] buffer = new byte[full.Length];
        for (int n = 0; n < full.Length; n++)
        {
            Assert.False(writer.TryWrite(buffer.AsSpan(0, n), 7, s_sendingTime, NewOrder(), out int written), $"length {n}");
            Assert.Equal(0, written);
        }

        Assert.True(writer.TryWrite(buffer, 7, s_sendingTime, NewOrder(), out int all));
        Assert.Equal(full, buffer[..all]);
    }

    [Fact]
    public void Write_BufferWriter_AppendsMessagesBackToBack()
    {
        FixWriter writer = Writer(FixSeparator.Soh);
        var output = new ArrayBufferWriter<byte>();
        int first = writer.Write(output, 1, s_sendingTime, NewOrder());
        int second = writer.Write(output, 2, s_sendingTime, new FixOrderStatusRequest { ClOrdId = "ORD-1"u8, Symbol = "AAPL"u8, Side = Side.Buy });

        Assert.Equal(first + second, output.WrittenCount);
        Assert.True(_parser.TryParse(output.WrittenSpan[..first], out FixMessage a, out _));
        Assert.Equal(FixMsgType.NewOrderSingle, a.MsgType);
        Assert.True(_parser.TryParse(output.WrittenSpan[first..], out FixMessage b, out _));
        Assert.Equal(FixMsgType.OrderStatusRequest, b.MsgType);
    }

    [Fact]
    public void Write_LongerThanMaxMessageLength_Throws()
    {
        var writer = new FixWriter(new FixWriterOptions { MaxMessageLength = 100 });
        Assert.Throws<ArgumentException>(() => writer.Write(new ArrayBufferWriter<byte>(), 1, s_sendingTime, NewOrder()));
    }

    [Fact]
    public void TryWrite_ValuesFixCannotCarry_Throw()
    {
        FixWriter pipe = Writer(FixSeparator.Pipe);
        byte[] buffer = new byte[512];
        Assert.Throws<ArgumentException>(() => pipe.TryWrite(buffer, 1, 0, NewOrder() with { ClOrdId = ""u8 }, out _));
        Assert.Throws<ArgumentException>(() => pipe.TryWrite(buffer, 1, 0, NewOrder() with { ClOrdId = "a\u0001b"u8 }, out _));
        Assert.Throws<ArgumentException>(() => pipe.TryWrite(buffer, 1, 0, NewOrder() with { Symbol = "A|B"u8 }, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipe.TryWrite(buffer, 1, 0, NewOrder() with { Side = Side.None }, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipe.TryWrite(buffer, 0, 0, NewOrder(), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipe.TryWrite(buffer, -1, 0, NewOrder(), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => pipe.TryWrite(buffer, 1_000_000_000_000_000_000, 0, NewOrder(), out _));
        Assert.True(pipe.TryWrite(buffer, 999_999_999_999_999_999, 0, NewOrder(), out int n));
        Assert.True(_parser.TryParse(buffer.AsSpan(0, n), out _, out FixError error), error.ToString());
        Assert.True(Writer(FixSeparator.Soh).TryWrite(buffer, 1, 0, NewOrder() with { Symbol = "A|B"u8 }, out _));
    }

    [Fact]
    public void TryWrite_TimestampDigitsOption_ControlsPrecision()
    {
        var writer = new FixWriter(new FixWriterOptions { TimestampDigits = 9, Separator = FixSeparator.Pipe });
        byte[] line = Write(writer, 1, NewOrder() with { TransactTime = s_transactTime + 456_789 });
        Assert.Contains("|60=20261125-13:30:00.100456789|", Encoding.ASCII.GetString(line), StringComparison.Ordinal);
        Assert.Contains("|52=20261125-13:30:00.123000000|", Encoding.ASCII.GetString(line), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixWriter(new FixWriterOptions { TimestampDigits = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixWriter(new FixWriterOptions { BeginString = "XYZ" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixWriter(new FixWriterOptions { MaxMessageLength = 10 }));
    }

    private static FixWriter Writer(FixSeparator separator) =>
        new(new FixWriterOptions { SenderCompId = "BUYSIDE", TargetCompId = "VENUE", Separator = separator });

    private static FixNewOrderSingle NewOrder() => new()
    {
        ClOrdId = "ORD-1"u8, Account = "ACC1"u8, Symbol = "AAPL"u8, Side = Side.Buy, OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.Day, OrderQty = 100, Price = 18_725, PriceScale = 2, TransactTime = s_transactTime,
    };

    private static byte[] Write<TBody>(FixWriter writer, long seq, TBody body)
        where TBody : IFixMessageBody, allows ref struct
    {
        byte[] buffer = new byte[1024];
        Assert.True(writer.TryWrite(buffer, seq, s_sendingTime, in body, out int n));
        return buffer[..n];
    }
}
