using Oms.Fix.Tests.Support;

namespace Oms.Fix.Tests.Parsing;

public sealed class FixParserRequiredTagTests
{
    private readonly FixParser _parser = new();

    public static TheoryData<string, int> RequiredFields() => new()
    {
        { Samples.NewOrderSingle, FixTag.ClOrdId },
        { Samples.NewOrderSingle, FixTag.Symbol },
        { Samples.NewOrderSingle, FixTag.Side },
        { Samples.NewOrderSingle, FixTag.OrderQty },
        { Samples.NewOrderSingle, FixTag.OrdType },
        { Samples.OrderCancelRequest, FixTag.ClOrdId },
        { Samples.OrderCancelRequest, FixTag.OrigClOrdId },
        { Samples.OrderCancelRequest, FixTag.Symbol },
        { Samples.OrderCancelRequest, FixTag.Side },
        { Samples.OrderCancelReplaceRequest, FixTag.ClOrdId },
        { Samples.OrderCancelReplaceRequest, FixTag.OrigClOrdId },
        { Samples.OrderCancelReplaceRequest, FixTag.Symbol },
        { Samples.OrderCancelReplaceRequest, FixTag.Side },
        { Samples.OrderCancelReplaceRequest, FixTag.OrderQty },
        { Samples.OrderCancelReplaceRequest, FixTag.OrdType },
        { Samples.ExecutionReport, FixTag.OrderId },
        { Samples.ExecutionReport, FixTag.ExecId },
        { Samples.ExecutionReport, FixTag.ExecType },
        { Samples.ExecutionReport, FixTag.OrdStatus },
        { Samples.ExecutionReport, FixTag.Symbol },
        { Samples.ExecutionReport, FixTag.Side },
        { Samples.ExecutionReport, FixTag.LeavesQty },
        { Samples.ExecutionReport, FixTag.CumQty },
        { Samples.ExecutionReport, FixTag.AvgPx },
        { Samples.ExecutionReport, FixTag.LastQty },
        { Samples.ExecutionReport, FixTag.LastPx },
        { Samples.OrderCancelReject, FixTag.OrderId },
        { Samples.OrderCancelReject, FixTag.ClOrdId },
        { Samples.OrderCancelReject, FixTag.OrigClOrdId },
        { Samples.OrderCancelReject, FixTag.OrdStatus },
        { Samples.OrderStatusRequest, FixTag.ClOrdId },
        { Samples.OrderStatusRequest, FixTag.Symbol },
        { Samples.OrderStatusRequest, FixTag.Side },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void TryParse_RequiredFieldAbsent_MissingTagNamesIt(string body, int tag)
    {
        byte[] line = FixLines.Build(Samples.Without(body, tag));

        Assert.False(_parser.TryParse(line, out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, tag), error);
    }

    [Theory]
    [InlineData("G", FixTag.ExecRefId)]
    [InlineData("H", FixTag.ExecRefId)]
    public void TryParse_CorrectionOrBustWithoutExecRefId_MissingTag19(string execType, int tag)
    {
        byte[] line = FixLines.Build(Samples.With(Samples.ExecutionReport, FixTag.ExecType, execType));

        Assert.False(_parser.TryParse(line, out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, tag), error);
    }

    [Fact]
    public void TryParse_NonTradeReportWithoutLastQtyAndLastPx_Accepted()
    {
        string body = Samples.Without(Samples.Without(Samples.ExecutionReport, FixTag.LastQty), FixTag.LastPx);
        body = Samples.With(body, FixTag.ExecType, "0");

        Assert.True(_parser.TryParse(FixLines.Build(body), out FixMessage m, out FixError error), error.ToString());
        Assert.Equal(FixMsgType.ExecutionReport, m.MsgType);
    }

    [Theory]
    [InlineData("35=D|")]
    [InlineData("35=F|")]
    [InlineData("35=G|")]
    [InlineData("35=8|")]
    [InlineData("35=9|")]
    public void TryParse_NoTransactTimeNorSendingTime_MissingTag60(string msgType)
    {
        string body = Samples.All.Single(s => s.StartsWith(msgType, StringComparison.Ordinal));
        string withoutTimes = Samples.Without(Samples.Without(body, FixTag.TransactTime), FixTag.SendingTime);

        Assert.False(_parser.TryParse(FixLines.Build(withoutTimes), out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.MissingTag, FixTag.TransactTime), error);
        Assert.True(_parser.TryParse(FixLines.Build(Samples.Without(body, FixTag.TransactTime)), out _, out _));
    }

    [Fact]
    public void TryParse_CancelRejectWithoutResponseTo_Accepted() =>
        Assert.True(_parser.TryParse(FixLines.Build(Samples.Without(Samples.OrderCancelReject, FixTag.CxlRejResponseTo)), out _, out _));

    [Fact]
    public void TryParse_EverySample_Accepted()
    {
        foreach (string body in Samples.All)
        {
            Assert.True(_parser.TryParse(FixLines.Build(body), out FixMessage m, out FixError error), $"{body}: {error}");
            Assert.Equal((FixMsgType)body[3], m.MsgType);
        }
    }
}
