using Oms.Domain;
using Oms.Engine;
using Oms.Fix.Tests.Support;
using static Oms.Fix.Tests.Support.TranslatorFixture;

namespace Oms.Fix.Tests.Translation;

public sealed class FixTranslatorTests
{
    private readonly TranslatorFixture _f = new();

    [Fact]
    public void Translate_NewOrderSingle_FillsNewOrderFieldByField()
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.NewOrderSingle, out OmsMessage m, out FixError e));

        Assert.True(_f.Accounts.TryGetId("ACC1", out int account));
        var expected = new OmsMessage
        {
            Kind = MessageKind.NewOrder, Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Day,
            StrategyId = 3, AccountId = account, InstrumentId = _f.Aapl.Id, VenueId = 2,
            Timestamp = Time("20261125-13:30:00.100"), ClOrdId = Id("ORD-1"), OrderQty = 100, Price = 18_725,
        };
        Assert.Equal(FixError.None, e);
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Translate_StopLimitGtdOrder_ReadsStopPxAndExpireTime()
    {
        string body = Samples.With(Samples.With(Samples.With(Samples.NewOrderSingle, FixTag.OrdType, "4"), FixTag.TimeInForce, "6"),
            FixTag.StopPx, "180.5") + "126=20261126-20:00:00|";

        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(body, out OmsMessage m, out _));
        Assert.Equal(OrderType.StopLimit, m.OrderType);
        Assert.Equal(TimeInForce.GoodTillDate, m.TimeInForce);
        Assert.Equal(18_050, m.StopPx);
        Assert.Equal(Time("20261126-20:00:00"), m.ExpireTime);
    }

    [Fact]
    public void Translate_OrderCancelRequest_FillsCancelFieldByField()
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.OrderCancelRequest, out OmsMessage m, out _));

        var expected = new OmsMessage
        {
            Kind = MessageKind.Cancel, StrategyId = 3, Timestamp = Time("20261125-13:30:01"),
            ClOrdId = Id("ORD-1-C"), OrigClOrdId = Id("ORD-1"),
        };
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Translate_OrderCancelReplaceRequest_FillsReplaceFieldByField()
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.OrderCancelReplaceRequest, out OmsMessage m, out _));

        var expected = new OmsMessage
        {
            Kind = MessageKind.Replace, StrategyId = 3, InstrumentId = _f.Aapl.Id, OrderType = OrderType.Limit,
            Timestamp = Time("20261125-13:30:02"), ClOrdId = Id("ORD-1-R"), OrigClOrdId = Id("ORD-1"), OrderQty = 150, Price = 18_750,
        };
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Translate_ExecutionReport_FillsReportFieldByField()
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.ExecutionReport, out OmsMessage m, out _));

        var expected = new OmsMessage
        {
            Kind = MessageKind.ExecutionReport, VenueId = 2, InstrumentId = _f.Aapl.Id, ExecType = ExecType.Trade, OrdStatus = OrderStatus.PartiallyFilled,
            Side = Side.Buy, Timestamp = Time("20261125-13:30:00.456789"), ClOrdId = Id("ORD-1"),
            VenueOrderId = Id("V-77"), ExecId = Id("EX-1"), OrderQty = 100, Price = 18_725, LastQty = 40,
            LastPx = 18_720, CumQty = 40, LeavesQty = 60, AvgPx = 18_720, Fee = 150,
        };
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Translate_BustReport_ReadsExecRefIdAndOrigClOrdId()
    {
        string body = Samples.With(Samples.ExecutionReport, FixTag.ExecType, "H") + "19=EX-0|41=ORD-0|";

        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(body, out OmsMessage m, out _));
        Assert.Equal(ExecType.TradeCancel, m.ExecType);
        Assert.Equal(Id("EX-0"), m.ExecRefId);
        Assert.Equal(Id("ORD-0"), m.OrigClOrdId);
    }

    [Theory]
    [InlineData("150=8|39=8|103=3|", 3)]
    [InlineData("150=D|39=0|378=4|", 4)]
    public void Translate_RejectOrRestatement_CarriesTheVenueReason(string fields, int reason)
    {
        string body = Samples.Without(Samples.Without(Samples.Without(Samples.Without(Samples.ExecutionReport,
            FixTag.ExecType), FixTag.OrdStatus), FixTag.LastQty), FixTag.LastPx) + fields;

        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(body, out OmsMessage m, out _));
        Assert.Equal(reason, m.VenueReason);
    }

    [Fact]
    public void Translate_OrderCancelReject_FillsCancelRejectFieldByField()
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.OrderCancelReject, out OmsMessage m, out _));

        var expected = new OmsMessage
        {
            Kind = MessageKind.CancelReject, VenueId = 2, OrdStatus = OrderStatus.PartiallyFilled,
            CxlRejResponseTo = CxlRejResponseTo.CancelRequest, VenueReason = 1, Timestamp = Time("20261125-13:30:03"),
            ClOrdId = Id("ORD-1-C"), OrigClOrdId = Id("ORD-1"), VenueOrderId = Id("V-77"),
        };
        Assert.Equal(expected, m);
    }

    [Fact]
    public void Translate_OrderStatusRequest_NoEngineMessage()
    {
        Assert.Equal(FixTranslateResult.NoEngineMessage, _f.Translate(Samples.OrderStatusRequest, out OmsMessage m, out FixError e));
        Assert.Equal(default, m);
        Assert.Equal(FixError.None, e);
    }

    [Fact]
    public void Translate_NoTransactTime_UsesSendingTime()
    {
        Assert.Equal(FixTranslateResult.EngineMessage,
            _f.Translate(Samples.Without(Samples.ExecutionReport, FixTag.TransactTime), out OmsMessage m, out _));
        Assert.Equal(Time("20261125-13:30:00.123"), m.Timestamp);
    }

    [Fact]
    public void Translate_OrderIdNone_NoVenueOrderId()
    {
        _f.Translate(Samples.With(Samples.OrderCancelReject, FixTag.OrderId, "NONE"), out OmsMessage m, out _);
        Assert.True(m.VenueOrderId.IsNone);
    }

    [Fact]
    public void Translate_StrategyMintedClOrdIds_MapBackToStructuredTokens()
    {
        string body = Samples.With(Samples.With(Samples.OrderCancelReject, FixTag.ClOrdId, "S3-43"), FixTag.OrigClOrdId, "S3-42");

        _f.Translate(body, out OmsMessage m, out _);
        Assert.Equal(IdToken.ForStrategy(3, 43), m.ClOrdId);
        Assert.Equal(IdToken.ForStrategy(3, 42), m.OrigClOrdId);
        var hashing = new TranslatorFixture(new FixTranslatorOptions { RecognizeStrategyMintedIds = false });
        hashing.Translate(body, out OmsMessage h, out _);
        Assert.Equal(Id("S3-43"), h.ClOrdId);
    }

    [Fact]
    public void Translate_ExecIdLookingStrategyMinted_StillHashed()
    {
        _f.Translate(Samples.With(Samples.ExecutionReport, FixTag.ExecId, "S3-43"), out OmsMessage m, out _);
        Assert.Equal(Id("S3-43"), m.ExecId);
    }

    [Fact]
    public void Translate_IdObserver_SeesEveryIdOfAValidMessageOnly()
    {
        var seen = new List<(int Tag, IdToken Token, string Text)>();
        _f.Translator.IdObserver = (tag, token, id) => seen.Add((tag, token, System.Text.Encoding.UTF8.GetString(id)));

        _f.Translate(Samples.ExecutionReport, out _, out _);
        _f.Translate(Samples.With(Samples.ExecutionReport, FixTag.LastQty, "x"), out _, out _);

        Assert.Equal([(11, Id("ORD-1"), "ORD-1"), (37, Id("V-77"), "V-77"), (17, Id("EX-1"), "EX-1")], seen);
    }
}
