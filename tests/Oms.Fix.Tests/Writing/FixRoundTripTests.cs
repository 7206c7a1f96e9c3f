using Oms.Domain;
using Oms.Engine;
using Oms.Fix.Tests.Support;

namespace Oms.Fix.Tests.Writing;

/// <summary>
/// Write → parse → translate over random field values (fixed seeds): the engine message must carry exactly what
/// was written, at every separator, for every message type.
/// </summary>
public sealed class FixRoundTripTests
{
    private const int Iterations = 2_000;

    private readonly TranslatorFixture _f = new();
    private readonly FixParser _strict = new(new FixParserOptions { RequireBodyLength = true, RequireCheckSum = true });
    private readonly byte[] _buffer = new byte[2_048];

    public FixRoundTripTests()
    {
        foreach ((string symbol, int price, int qty) in RandomFields.Symbols)
        {
            _f.Instruments.Add(symbol, price, qty);
        }
    }

    [Fact]
    public void NewOrderSingle_RandomFields_RoundTrip()
    {
        var r = new RandomFields(101);
        for (int i = 0; i < Iterations; i++)
        {
            (string symbol, int ps, int qs) = r.Symbol();
            byte[] clOrdId = r.Id(), account = r.Account(), sym = System.Text.Encoding.UTF8.GetBytes(symbol);
            var body = new FixNewOrderSingle
            {
                ClOrdId = clOrdId, Account = account, Symbol = sym, Side = r.AnySide(), OrderType = r.AnyOrderType(),
                TimeInForce = r.AnyTimeInForce(), OrderQty = r.Quantity(), Price = r.Price(), StopPx = r.Price(),
                PriceScale = ps, QuantityScale = qs, ExpireTime = r.OptionalTime(), TransactTime = r.Time(),
            };
            OmsMessage m = RoundTrip(r, in body, i);

            var expected = new OmsMessage
            {
                Kind = MessageKind.NewOrder, Side = body.Side, OrderType = body.OrderType,
                TimeInForce = body.TimeInForce == 0 ? TimeInForce.Day : body.TimeInForce, StrategyId = 3,
                AccountId = AccountId(account), InstrumentId = InstrumentId(symbol), VenueId = 2,
                Timestamp = body.TransactTime, ClOrdId = Token(clOrdId), OrderQty = body.OrderQty, Price = body.Price,
                StopPx = body.StopPx, ExpireTime = body.ExpireTime,
            };
            Assert.Equal(expected, m);
        }
    }

    [Fact]
    public void CancelAndReplaceRequests_RandomFields_RoundTrip()
    {
        var r = new RandomFields(202);
        for (int i = 0; i < Iterations; i++)
        {
            (string symbol, int ps, int qs) = r.Symbol();
            byte[] clOrdId = r.Id(), orig = r.Id(), orderId = r.Id(optional: true), sym = System.Text.Encoding.UTF8.GetBytes(symbol);
            var cancel = new FixOrderCancelRequest
            {
                ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, Symbol = sym, Side = r.AnySide(),
                OrderQty = r.Quantity(), QuantityScale = qs, TransactTime = r.Time(),
            };
            Assert.Equal(new OmsMessage
            {
                Kind = MessageKind.Cancel, StrategyId = 3, Timestamp = cancel.TransactTime, ClOrdId = Token(clOrdId), OrigClOrdId = Token(orig),
            }, RoundTrip(r, in cancel, i));

            var replace = new FixOrderCancelReplaceRequest
            {
                ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, Symbol = sym, Side = r.AnySide(), OrderType = r.AnyOrderType(),
                TimeInForce = r.AnyTimeInForce(), OrderQty = r.Quantity(), Price = r.Price(), StopPx = r.Price(),
                PriceScale = ps, QuantityScale = qs, ExpireTime = r.OptionalTime(), TransactTime = r.Time(),
            };
            Assert.Equal(new OmsMessage
            {
                Kind = MessageKind.Replace, StrategyId = 3, InstrumentId = InstrumentId(symbol), OrderType = replace.OrderType,
                TimeInForce = replace.TimeInForce, Timestamp = replace.TransactTime,
                ClOrdId = Token(clOrdId), OrigClOrdId = Token(orig), OrderQty = replace.OrderQty, Price = replace.Price,
                StopPx = replace.StopPx,
            }, RoundTrip(r, in replace, i));
        }
    }

    [Fact]
    public void ExecutionReport_RandomFields_RoundTrip()
    {
        var r = new RandomFields(303);
        for (int i = 0; i < Iterations; i++)
        {
            (string symbol, int ps, int qs) = r.Symbol();
            ExecType execType = r.AnyExecType();
            byte[] orderId = r.Id(optional: true), clOrdId = r.Id(optional: true), orig = r.Id(optional: true), execId = r.Id();
            byte[] execRef = execType is ExecType.TradeCorrect or ExecType.TradeCancel ? r.Id() : r.Id(optional: true);
            var body = new FixExecutionReport
            {
                OrderId = orderId, ClOrdId = clOrdId, OrigClOrdId = orig, ExecId = execId, ExecRefId = execRef,
                Account = r.Account(), Symbol = System.Text.Encoding.UTF8.GetBytes(symbol), Text = r.Text(),
                ExecType = execType, OrdStatus = r.AnyOrdStatus(), Side = r.AnySide(), OrderType = r.Random.Next(2) == 0 ? 0 : r.AnyOrderType(),
                OrderQty = r.Quantity(), Price = r.Price(), LastQty = r.Quantity(), LastPx = r.Price(), LeavesQty = r.Quantity(),
                CumQty = r.Quantity(), AvgPx = r.Price(), Commission = r.Price(), PriceScale = ps, QuantityScale = qs,
                TransactTime = r.Time(), OrdRejReason = r.Reason(), ExecRestatementReason = r.Reason(),
            };
            OmsMessage m = RoundTrip(r, in body, i);

            var expected = new OmsMessage
            {
                Kind = MessageKind.ExecutionReport, VenueId = 2, InstrumentId = InstrumentId(symbol), ExecType = execType, OrdStatus = body.OrdStatus, Side = body.Side,
                VenueReason = body.OrdRejReason ?? body.ExecRestatementReason ?? 0, Timestamp = body.TransactTime,
                ClOrdId = Token(clOrdId), OrigClOrdId = Token(orig), VenueOrderId = VenueOrderToken(orderId),
                ExecId = IdToken.FromUtf8(execId), ExecRefId = IdToken.FromUtf8(execRef), OrderQty = body.OrderQty,
                Price = body.Price, LastQty = body.LastQty, LastPx = body.LastPx, CumQty = body.CumQty,
                LeavesQty = body.LeavesQty, AvgPx = body.AvgPx, Fee = body.Commission,
            };
            Assert.Equal(expected, m);
        }
    }

    [Fact]
    public void OrderCancelReject_RandomFields_RoundTrip()
    {
        var r = new RandomFields(404);
        for (int i = 0; i < Iterations; i++)
        {
            byte[] orderId = r.Id(optional: true), clOrdId = r.Id(), orig = r.Id();
            var body = new FixOrderCancelReject
            {
                OrderId = orderId, ClOrdId = clOrdId, OrigClOrdId = orig, Text = r.Text(), OrdStatus = r.AnyOrdStatus(),
                CxlRejResponseTo = (CxlRejResponseTo)"\0\u0031\u0032"[r.Random.Next(3)], CxlRejReason = r.Reason(),
                TransactTime = r.Time(),
            };
            Assert.Equal(new OmsMessage
            {
                Kind = MessageKind.CancelReject, VenueId = 2, OrdStatus = body.OrdStatus, CxlRejResponseTo = body.CxlRejResponseTo,
                VenueReason = body.CxlRejReason ?? 0, Timestamp = body.TransactTime, ClOrdId = Token(clOrdId),
                OrigClOrdId = Token(orig), VenueOrderId = VenueOrderToken(orderId),
            }, RoundTrip(r, in body, i));
        }
    }

    [Fact]
    public void OrderStatusRequest_RandomFields_RoundTripAsFields()
    {
        var r = new RandomFields(505);
        for (int i = 0; i < Iterations; i++)
        {
            byte[] clOrdId = r.Id(), orderId = r.Id(optional: true);
            var body = new FixOrderStatusRequest { ClOrdId = clOrdId, OrderId = orderId, Symbol = "ES"u8, Side = r.AnySide() };
            var writer = new FixWriter(new FixWriterOptions { Separator = r.AnySeparator() });
            Assert.True(writer.TryWrite(_buffer, i + 1, r.Time(), in body, out int n));

            Assert.True(_strict.TryParse(_buffer.AsSpan(0, n), out FixMessage fix, out FixError error), error.ToString());
            Assert.Equal(clOrdId, fix.Get(FixTag.ClOrdId));
            Assert.Equal(orderId, fix.Get(FixTag.OrderId));
            Assert.Equal((byte)body.Side, fix.Get(FixTag.Side)[0]);
            Assert.Equal(FixError.None, fix.ReadInt(FixTag.MsgSeqNum, out long seq));
            Assert.Equal(i + 1, seq);
            Assert.Equal(FixTranslateResult.NoEngineMessage, _f.Translator.Translate(in fix, out _, out _));
        }
    }

    private OmsMessage RoundTrip<TBody>(RandomFields r, in TBody body, int iteration)
        where TBody : IFixMessageBody, allows ref struct
    {
        var writer = new FixWriter(new FixWriterOptions { Separator = r.AnySeparator(), TimestampDigits = 9, SenderCompId = "S" });
        Assert.True(writer.TryWrite(_buffer, iteration + 1, r.Time(), in body, out int n));
        Assert.True(_strict.TryParse(_buffer.AsSpan(0, n), out FixMessage fix, out FixError parseError),
            $"iteration {iteration}: {parseError} in {FixLines.Show(_buffer.AsSpan(0, n))}");
        FixTranslateResult result = _f.Translator.Translate(in fix, out OmsMessage m, out FixError error);
        Assert.True(result == FixTranslateResult.EngineMessage, $"iteration {iteration}: {error} in {FixLines.Show(_buffer.AsSpan(0, n))}");
        return m;
    }

    private int AccountId(byte[] account) =>
        account.Length == 0 ? 0 : _f.Accounts.TryGetId(System.Text.Encoding.UTF8.GetString(account), out int id) ? id : -1;

    private int InstrumentId(string symbol) => _f.Instruments.TryGet(symbol, out InstrumentSpec spec) ? spec.Id : -1;

    private static IdToken Token(byte[] clOrdId) => FixIds.ToToken(clOrdId, recognizeStrategyMinted: true);

    private static IdToken VenueOrderToken(byte[] orderId) =>
        orderId.Length == 0 || orderId.AsSpan().SequenceEqual("NONE"u8) ? IdToken.None : IdToken.FromUtf8(orderId);
}
