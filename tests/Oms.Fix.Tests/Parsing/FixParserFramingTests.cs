using System.Text;
using Oms.Fix.Tests.Support;

namespace Oms.Fix.Tests.Parsing;

public sealed class FixParserFramingTests
{
    private readonly FixParser _parser = new();

    [Theory]
    [InlineData(FixSeparator.Soh)]
    [InlineData(FixSeparator.Pipe)]
    [InlineData(FixSeparator.Caret)]
    public void TryParse_EachSeparator_ReadsTheSameFields(FixSeparator separator)
    {
        byte[] line = FixLines.Build(Samples.ExecutionReport, separator);

        Assert.True(_parser.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(separator, m.Separator);
        Assert.Equal(FixMsgType.ExecutionReport, m.MsgType);
        Assert.Equal("EX-1"u8, m.Get(FixTag.ExecId));
        Assert.Equal("187.2"u8, m.Get(FixTag.LastPx));
        Assert.Equal("20261125-13:30:00.456789"u8, m.Get(FixTag.TransactTime));
        Assert.Equal(0, m.UnknownFieldCount);
        Assert.Equal(line.Length, m.Text.Length);
    }

    [Theory]
    [InlineData(FixSeparator.Soh)]
    [InlineData(FixSeparator.Pipe)]
    [InlineData(FixSeparator.Caret)]
    public void TryParse_QuickFixLogLine_StripsThePrefixAndKeepsItsTime(FixSeparator separator)
    {
        byte[] message = FixLines.Build(Samples.NewOrderSingle, separator);
        byte[] line = [.. "20261125-13:30:00.123 : "u8, .. message, .. "\r\n"u8];

        Assert.True(_parser.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(FixMsgType.NewOrderSingle, m.MsgType);
        Assert.True(m.Text.SequenceEqual(message));
        Assert.True(FixTimestamp.TryParse("20261125-13:30:00.123"u8, out long expected));
        Assert.Equal(expected, m.LogTimestamp);
    }

    [Theory]
    [InlineData("20261125-13:30:00.123456789 : ")]   // QuickFIX C++ at nanosecond precision
    [InlineData("20261125-13:30:00.123: ")]          // QuickFIX/J
    [InlineData("20261125-13:30:00 : ")]
    public void TryParse_QuickFixLogPrefixVariants_Accepted(string prefix)
    {
        byte[] line = [.. Encoding.ASCII.GetBytes(prefix), .. FixLines.Build(Samples.OrderStatusRequest)];

        Assert.True(_parser.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(FixMsgType.OrderStatusRequest, m.MsgType);
        Assert.NotEqual(0, m.LogTimestamp);
    }

    [Fact]
    public void TryParse_Failure_LeavesAnEmptyMessageThatReadsNothing()
    {
        Assert.False(_parser.TryParse("8=FIX.4.4|35=D|11=X|"u8, out FixMessage m, out _));

        Assert.False(m.Has(FixTag.ClOrdId));
        Assert.False(m.TryGet(FixTag.ClOrdId, out _));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, FixTag.ClOrdId), m.ReadInt(FixTag.ClOrdId, out _));
        Assert.Equal(0, m.UnknownFieldCount);
    }

    [Theory]
    [InlineData("not a time : ")]
    [InlineData("20261125-13:30:00.123 - ")]
    [InlineData(" ")]
    public void TryParse_PrefixNotAQuickFixTimestamp_Garbage(string prefix)
    {
        byte[] line = [.. Encoding.ASCII.GetBytes(prefix), .. FixLines.Build(Samples.NewOrderSingle)];
        AssertError(line, FixErrorCode.Garbage, 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    public void TryParse_EmptyLine_Empty(string text) => AssertError(Encoding.ASCII.GetBytes(text), FixErrorCode.Empty, 0);

    [Theory]
    [InlineData("hello world", FixErrorCode.Garbage, 0)]
    [InlineData("9=5|8=FIX.4.4|35=D|", FixErrorCode.Garbage, 0)]
    [InlineData("8=FIX.4.4", FixErrorCode.Truncated, 8)]
    [InlineData("8=XYZ|9=5|35=D|", FixErrorCode.BadValue, 8)]
    [InlineData("8=FIX.4.4^B9=5^B", FixErrorCode.BadValue, 8)]
    [InlineData("8=FIX.4.4|abc|35=D|", FixErrorCode.BadTag, 0)]
    [InlineData("8=FIX.4.4|035=D|", FixErrorCode.BadTag, 0)]
    [InlineData("8=FIX.4.4|=D|", FixErrorCode.BadTag, 0)]
    [InlineData("8=FIX.4.4|35=D|abc", FixErrorCode.Truncated, 0)]
    [InlineData("8=FIX.4.4|35=D|abc|", FixErrorCode.Garbage, 0)]
    [InlineData("8=FIX.4.4|35=|", FixErrorCode.EmptyValue, 35)]
    public void TryParse_MalformedLine_NamesTheProblem(string text, FixErrorCode code, int tag) =>
        AssertError(FixLines.Plain(text), code, tag);

    [Fact]
    public void TryParse_EveryProperPrefixOfALine_FailsWithoutThrowingWhenCheckSumRequired()
    {
        byte[] line = FixLines.Build(Samples.ExecutionReport, FixSeparator.Soh);
        var strict = new FixParser(new FixParserOptions { RequireCheckSum = true });

        // The last byte is the CheckSum's separator, which may be missing; any shorter cut must be refused.
        for (int n = 0; n < line.Length - 1; n++)
        {
            Assert.False(strict.TryParse(line.AsSpan(0, n), out FixMessage m, out FixError error), $"cut at {n}");
            Assert.Equal(FixMsgType.None, m.MsgType);
            Assert.False(error.IsNone);
        }

        Assert.True(strict.TryParse(line.AsSpan(0, line.Length - 1), out _, out _));
    }

    [Fact]
    public void TryParse_LineCutExactlyBeforeCheckSum_AcceptedByDefaultAsAMessageWithoutCheckSum()
    {
        byte[] line = FixLines.Build(Samples.ExecutionReport, FixSeparator.Soh);
        int withoutTrailer = line.Length - "10=000\u0001".Length;

        // BodyLength still matches: without a required CheckSum nothing shows the trailer was ever there.
        Assert.True(_parser.TryParse(line.AsSpan(0, withoutTrailer), out FixMessage m, out _));
        Assert.False(m.Has(FixTag.CheckSum));
        for (int n = 0; n < line.Length - 1; n++)
        {
            Assert.Equal(n == withoutTrailer, _parser.TryParse(line.AsSpan(0, n), out _, out _));
        }
    }

    [Fact]
    public void TryParse_LineCutAtASeparatorBeforeCheckSum_Truncated()
    {
        byte[] line = FixLines.Build(Samples.ExecutionReport);
        int cut = Encoding.ASCII.GetString(line).IndexOf("|150=", StringComparison.Ordinal) + 1;
        AssertError(line.AsSpan(0, cut), FixErrorCode.Truncated, FixTag.BodyLength);
    }

    [Fact]
    public void TryParse_EverySingleByteChange_IsDetected()
    {
        byte[] line = FixLines.Build(Samples.OrderCancelReject, FixSeparator.Soh);
        var random = new Random(7);
        for (int i = 0; i < line.Length - 1; i++)
        {
            byte[] copy = (byte[])line.Clone();
            copy[i] = (byte)(copy[i] + 1 + random.Next(254));
            Assert.False(_parser.TryParse(copy, out _, out _), $"change at {i}: {FixLines.Show(copy)}");
        }
    }

    [Theory]
    [InlineData(FixSeparator.Soh)]
    [InlineData(FixSeparator.Pipe)]
    [InlineData(FixSeparator.Caret)]
    public void TryParse_ValueChangedCheckSumKept_BadCheckSum(FixSeparator separator)
    {
        string good = Encoding.ASCII.GetString(FixLines.Build(Samples.NewOrderSingle, separator));
        byte[] bad = Encoding.ASCII.GetBytes(good.Replace("38=100", "38=200"));
        AssertError(bad, FixErrorCode.BadCheckSum, FixTag.CheckSum);
    }

    [Theory]
    [InlineData("10=12|")]
    [InlineData("10=1234|")]
    [InlineData("10=x12|")]
    public void TryParse_CheckSumNotThreeDigits_BadValue(string checkSum)
    {
        byte[] line = FixLines.Plain("8=FIX.4.4|35=H|11=A|55=B|54=1|" + checkSum);
        AssertError(line, FixErrorCode.BadValue, FixTag.CheckSum);
    }

    [Theory]
    [InlineData(FixSeparator.Soh, 1)]
    [InlineData(FixSeparator.Pipe, -1)]
    [InlineData(FixSeparator.Caret, 1)]
    [InlineData(FixSeparator.Caret, -1)]
    public void TryParse_BodyLengthOff_BadBodyLength(FixSeparator separator, int delta)
    {
        string body = Samples.OrderStatusRequest;
        int length = Encoding.ASCII.GetByteCount(body) + delta;
        byte[] line = FixLines.BuildRaw($"8=FIX.4.4|9={length}|{body}", separator);
        AssertError(line, FixErrorCode.BadBodyLength, FixTag.BodyLength);
    }

    [Theory]
    [InlineData("9=abc|")]
    [InlineData("9=-5|")]
    public void TryParse_BodyLengthNotANumber_BadValue(string field)
    {
        byte[] line = FixLines.BuildRaw("8=FIX.4.4|" + field + Samples.OrderStatusRequest);
        AssertError(line, FixErrorCode.BadValue, FixTag.BodyLength);
    }

    [Fact]
    public void TryParse_WithoutBodyLengthAndCheckSum_AcceptedByDefaultRefusedWhenRequired()
    {
        byte[] line = FixLines.Plain("8=FIX.4.4|" + Samples.OrderStatusRequest);

        Assert.True(_parser.TryParse(line, out FixMessage m, out _));
        Assert.Equal(FixMsgType.OrderStatusRequest, m.MsgType);
        var strictLength = new FixParser(new FixParserOptions { RequireBodyLength = true });
        Assert.False(strictLength.TryParse(line, out _, out FixError e1));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, FixTag.BodyLength), e1);
        var strictSum = new FixParser(new FixParserOptions { RequireCheckSum = true });
        Assert.False(strictSum.TryParse(line, out _, out FixError e2));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, FixTag.CheckSum), e2);
    }

    [Theory]
    [InlineData("35=D|", "", FixTag.BodyLength)]         // 8, 35, 9: BodyLength must be second
    [InlineData("49=VENUE|", "", FixTag.BodyLength)]     // 8, 49, 9, 35
    [InlineData("", "49=VENUE|", FixTag.MsgType)]        // 8, 9, 49, 35: MsgType must be third
    public void TryParse_HeaderOutOfOrder_FieldOutOfOrderEvenWithCorrectLengthAndSum(string before9, string before35, int tag)
    {
        const string rest = "56=OMS|34=7|52=20261125-13:30:00.123|11=ORD-1|1=ACC1|55=AAPL|54=1|38=100|40=2|44=187.25|60=20261125-13:30:00.100|";
        string afterBodyLength = before9 == "35=D|" ? rest : before35 + "35=D|" + rest;
        byte[] line = FixLines.BuildRaw($"8=FIX.4.4|{before9}9={Encoding.ASCII.GetByteCount(afterBodyLength)}|{afterBodyLength}");
        var strict = new FixParser(new FixParserOptions { RequireBodyLength = true, RequireCheckSum = true });

        Assert.False(strict.TryParse(line, out _, out FixError error), FixLines.Show(line));
        Assert.Equal(new FixError(FixErrorCode.FieldOutOfOrder, tag), error);
        AssertError(line, FixErrorCode.FieldOutOfOrder, tag);
    }

    [Fact]
    public void TryParse_WithoutBodyLength_MsgTypeMustBeSecond()
    {
        // Without BodyLength (accepted unless required) MsgType follows BeginString directly.
        AssertError(FixLines.BuildRaw("8=FIX.4.4|1=ACC1|" + Samples.OrderStatusRequest), FixErrorCode.FieldOutOfOrder, FixTag.MsgType);
        Assert.True(_parser.TryParse(FixLines.BuildRaw("8=FIX.4.4|" + Samples.OrderStatusRequest), out FixMessage m, out FixError e), e.ToString());
        Assert.Equal(FixMsgType.OrderStatusRequest, m.MsgType);
    }

    [Fact]
    public void TryParse_BytesAfterCheckSum_TrailingData()
    {
        byte[] line = [.. FixLines.Build(Samples.OrderStatusRequest), .. "58=x|"u8];
        AssertError(line, FixErrorCode.TrailingData, FixTag.CheckSum);
    }

    [Theory]
    [InlineData(FixTag.ClOrdId)]
    [InlineData(FixTag.MsgType)]
    [InlineData(FixTag.BeginString)]
    public void TryParse_IndexedTagTwice_DuplicateTag(int tag)
    {
        byte[] line = FixLines.Build(Samples.OrderStatusRequest + $"{tag}=D|");
        AssertError(line, FixErrorCode.DuplicateTag, tag);
    }

    [Fact]
    public void TryParse_UnknownAndRepeatedUnknownTags_SkippedAndCounted()
    {
        byte[] line = FixLines.Build(Samples.ExecutionReport + "453=2|448=P1|452=1|448=P2|452=3|9999=x|");

        Assert.True(_parser.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(6, m.UnknownFieldCount);
        Assert.False(m.Has(448));
        Assert.True(m.Get(448).IsEmpty);
    }

    [Theory]
    [InlineData("0", FixMsgType.Heartbeat)]
    [InlineData("1", FixMsgType.TestRequest)]
    [InlineData("2", FixMsgType.ResendRequest)]
    [InlineData("3", FixMsgType.Reject)]
    [InlineData("4", FixMsgType.SequenceReset)]
    [InlineData("5", FixMsgType.Logout)]
    [InlineData("A", FixMsgType.Logon)]
    public void TryParse_SessionLevelMsgType_ParsesAsASessionMessage(string msgType, FixMsgType expected)
    {
        // Only the header is read: no timestamp or body field is required.
        byte[] line = FixLines.Build($"35={msgType}|49=VENUE|56=OMS|34=9|98=0|108=30|");
        var strict = new FixParser(new FixParserOptions { RequireBodyLength = true, RequireCheckSum = true });

        Assert.True(strict.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(expected, m.MsgType);
        Assert.True(m.IsSessionMessage);
        Assert.Equal(2, m.UnknownFieldCount);
    }

    [Fact]
    public void TryParse_ApplicationMsgType_IsNotASessionMessage()
    {
        foreach (string body in Samples.All)
        {
            Assert.True(_parser.TryParse(FixLines.Build(body), out FixMessage m, out FixError error), error.ToString());
            Assert.False(m.IsSessionMessage);
        }
    }

    [Theory]
    [InlineData("AE")]
    [InlineData("d")]
    [InlineData("j")]
    [InlineData("6")]
    [InlineData("a")]
    public void TryParse_OtherMsgType_UnsupportedMsgType(string msgType)
    {
        byte[] line = FixLines.Build($"35={msgType}|" + Samples.Header);
        AssertError(line, FixErrorCode.UnsupportedMsgType, FixTag.MsgType);
    }

    [Theory]
    [InlineData(FixTag.MsgSeqNum, "abc")]
    [InlineData(FixTag.MsgSeqNum, "0")]                       // sequence numbers start at 1
    [InlineData(FixTag.MsgSeqNum, "-7")]
    [InlineData(FixTag.MsgSeqNum, "7.0")]
    [InlineData(FixTag.MsgSeqNum, "1000000000000000000")]     // 19 digits
    [InlineData(FixTag.PossDupFlag, "Q")]
    [InlineData(FixTag.PossDupFlag, "y")]
    [InlineData(FixTag.PossDupFlag, "YES")]
    [InlineData(FixTag.PossResend, "maybe")]
    [InlineData(FixTag.PossResend, "1")]
    public void TryParse_GarbledHeaderValue_BadValue(int tag, string value)
    {
        AssertError(FixLines.Build(Samples.With(Samples.ExecutionReport, tag, value)), FixErrorCode.BadValue, tag);
        AssertError(FixLines.Build(Samples.With("35=0|" + Samples.Header, tag, value)), FixErrorCode.BadValue, tag);
    }

    [Theory]
    [InlineData(FixTag.MsgSeqNum, "1")]
    [InlineData(FixTag.MsgSeqNum, "999999999999999999")]
    [InlineData(FixTag.PossDupFlag, "Y")]
    [InlineData(FixTag.PossDupFlag, "N")]
    [InlineData(FixTag.PossResend, "Y")]
    [InlineData(FixTag.PossResend, "N")]
    public void TryParse_ValidHeaderValue_Accepted(int tag, string value)
    {
        Assert.True(_parser.TryParse(FixLines.Build(Samples.With(Samples.ExecutionReport, tag, value)), out FixMessage m, out FixError error),
            error.ToString());
        Assert.Equal(Encoding.ASCII.GetBytes(value), m.Get(tag).ToArray());
    }

    [Fact]
    public void TryParse_NoMsgType_MissingTag35() =>
        AssertError(FixLines.Build(Samples.Header), FixErrorCode.MissingTag, FixTag.MsgType);

    [Fact]
    public void TryParse_ValueContainingEqualsSign_KeepsWholeValue()
    {
        byte[] line = FixLines.Build(Samples.With(Samples.OrderCancelReject, FixTag.Text, "a=b=c"));

        Assert.True(_parser.TryParse(line, out FixMessage m, out _));
        Assert.Equal("a=b=c"u8, m.Get(FixTag.Text));
    }

    [Fact]
    public void TryParse_CaretSeparatorWithLoneCaretInValue_KeepsIt()
    {
        byte[] line = FixLines.Build(Samples.With(Samples.OrderCancelReject, FixTag.Text, "x^y"), FixSeparator.Caret);

        Assert.True(_parser.TryParse(line, out FixMessage m, out FixError error), error.ToString());
        Assert.Equal("x^y"u8, m.Get(FixTag.Text));
    }

    [Fact]
    public void TryParse_AfterAFailure_ParsesTheNextLine()
    {
        Assert.False(_parser.TryParse(FixLines.Build(Samples.ExecutionReport + "37=X|"), out _, out _));
        Assert.True(_parser.TryParse(FixLines.Build(Samples.OrderStatusRequest), out FixMessage m, out _));
        Assert.False(m.Has(FixTag.ExecId));
    }

    [Fact]
    public void TryParse_RandomBytesAndMutations_NeverThrow()
    {
        var random = new Random(11);
        byte[][] seeds = [.. Samples.All.Select(s => FixLines.Build(s, (FixSeparator)random.Next(3)))];
        for (int i = 0; i < 20_000; i++)
        {
            byte[] line = (byte[])seeds[random.Next(seeds.Length)].Clone();
            int edits = 1 + random.Next(4);
            for (int k = 0; k < edits; k++)
            {
                line[random.Next(line.Length)] = (byte)"|=^A\u00010123456789ab"[random.Next(17)];
            }

            int length = random.Next(line.Length + 1);
            _parser.TryParse(line.AsSpan(0, length), out _, out _);
        }
    }

    private void AssertError(ReadOnlySpan<byte> line, FixErrorCode code, int tag)
    {
        Assert.False(_parser.TryParse(line, out FixMessage m, out FixError error), FixLines.Show(line));
        Assert.Equal(new FixError(code, tag), error);
        Assert.Equal(FixMsgType.None, m.MsgType);
    }
}
