using System.Text;
using Oms.Domain;
using Oms.Engine;

namespace Oms.Fix.Tests.Edge;

/// <summary>
/// The codec around a real engine: a strategy-minted order leaves through a FIX writer (as a gateway would send
/// it), the venue's execution reports come back as FIX lines, and the engine must find the order by the echoed
/// ClOrdID.
/// </summary>
public sealed class FixEngineLoopTests
{
    private const long T0 = 1_795_613_400_000_000_000L;

    private readonly NameTable _accounts = new(16);
    private readonly InstrumentDirectory _instruments = new(16);
    private readonly FixParser _parser = new();
    private readonly FixWriter _venue = new(new FixWriterOptions { SenderCompId = "VENUE", TargetCompId = "OMS", TimestampDigits = 9 });
    private readonly byte[] _buffer = new byte[1_024];

    [Fact]
    public void ReportsForAStrategyMintedOrder_FindTheOrderThroughTheEchoedClOrdId()
    {
        OmsEngine engine = Engine();
        var translator = new FixTranslator(_accounts, _instruments, new FixTranslatorOptions { VenueId = 1 });
        IdToken clOrdId = SubmitMintedOrder(engine);
        byte[] wireClOrdId = SendToVenue(engine);
        Assert.Equal("S1-1"u8, wireClOrdId);

        Apply(engine, translator, Report(wireClOrdId, ExecType.New, OrderStatus.New, "E-1", lastQty: 0, cumQty: 0));
        Apply(engine, translator, Report(wireClOrdId, ExecType.Trade, OrderStatus.Filled, "E-2", lastQty: 100, cumQty: 100));

        Assert.True(engine.TryGetOrder(clOrdId, out OrderView order));
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(100, order.CumQty);
        Assert.Equal(18_720, order.AvgPx);
        Assert.Equal(IdToken.FromUtf8("V-1"u8), order.VenueOrderId);
        Assert.Equal(0, engine.Counters.Anomalies);
    }

    [Fact]
    public void ReportsForAStrategyMintedOrder_WithoutRecognition_AreUnknownOrders()
    {
        OmsEngine engine = Engine();
        var hashing = new FixTranslator(_accounts, _instruments, new FixTranslatorOptions { RecognizeStrategyMintedIds = false });
        SubmitMintedOrder(engine);
        byte[] wireClOrdId = SendToVenue(engine);

        Apply(engine, hashing, Report(wireClOrdId, ExecType.New, OrderStatus.New, "E-1", lastQty: 0, cumQty: 0));

        Assert.Equal(1, engine.Counters.Anomalies);
        Assert.Equal(0, engine.Counters.Accepted);
    }

    private OmsEngine Engine()
    {
        var engine = new OmsEngine(new OmsEngineOptions
        {
            MaxOrders = 64, MaxPositions = 64, MaxStrategies = 2, MaxAccounts = 16, MaxInstruments = 16, MaxVenues = 1,
            RingCapacity = 64, StrategyEventCapacity = 64, VenueQueueCapacity = 64, AnomalyCapacity = 64,
        });
        engine.OpenStrategyStream(1);
        engine.OpenStrategyStream(2);
        return engine;
    }

    private IdToken SubmitMintedOrder(OmsEngine engine)
    {
        _accounts.TryIntern("ACC1", out int account);
        InstrumentSpec aapl = _instruments.Add("AAPL", 2, 0);
        var order = new OmsMessage
        {
            Kind = MessageKind.NewOrder, StrategyId = 1, AccountId = account, InstrumentId = aapl.Id, VenueId = 1,
            Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Day, OrderQty = 100, Price = 18_725,
            ClOrdId = IdToken.ForStrategy(1, 1), Timestamp = T0,
        };
        engine.Apply(in order);
        return order.ClOrdId;
    }

    /// <summary>Plays the gateway: the venue command becomes a NewOrderSingle; returns the ClOrdID text it carried.</summary>
    private byte[] SendToVenue(OmsEngine engine)
    {
        Assert.True(engine.VenueQueue(1).TryRead(out VenueCommand c));
        Span<byte> id = stackalloc byte[FixIds.MaxStrategyMintedLength];
        Assert.True(FixIds.TryFormatStrategyMinted(c.ClOrdId, id, out int idLength));
        InstrumentSpec spec = _instruments.Get(c.InstrumentId)!;
        var gateway = new FixWriter(new FixWriterOptions { SenderCompId = "OMS", TargetCompId = "VENUE" });
        var body = new FixNewOrderSingle
        {
            ClOrdId = id[..idLength], Account = Encoding.UTF8.GetBytes(_accounts.NameOf(c.AccountId)!),
            Symbol = Encoding.UTF8.GetBytes(spec.Symbol), Side = c.Side, OrderType = c.OrderType, TimeInForce = c.TimeInForce,
            OrderQty = c.OrderQty, Price = c.Price, PriceScale = spec.PriceScale, QuantityScale = spec.QuantityScale,
            TransactTime = c.Timestamp,
        };
        Assert.True(gateway.TryWrite(_buffer, 1, c.Timestamp, in body, out int n));

        // The venue reads the order as any FIX engine would.
        Assert.True(_parser.TryParse(_buffer.AsSpan(0, n), out FixMessage sent, out FixError error), error.ToString());
        Assert.Equal("187.25"u8, sent.Get(FixTag.Price));
        return sent.Get(FixTag.ClOrdId).ToArray();
    }

    private byte[] Report(byte[] clOrdId, ExecType execType, OrderStatus status, string execId, long lastQty, long cumQty)
    {
        var report = new FixExecutionReport
        {
            OrderId = "V-1"u8, ClOrdId = clOrdId, ExecId = Encoding.ASCII.GetBytes(execId), ExecType = execType,
            OrdStatus = status, Symbol = "AAPL"u8, Side = Side.Buy, OrderQty = 100, LastQty = lastQty,
            LastPx = lastQty > 0 ? 18_720 : 0, CumQty = cumQty, LeavesQty = 100 - cumQty, AvgPx = cumQty > 0 ? 18_720 : 0,
            PriceScale = 2, TransactTime = T0 + 1_000,
        };
        Assert.True(_venue.TryWrite(_buffer, 2, T0 + 1_000, in report, out int n));
        return _buffer[..n];
    }

    private void Apply(OmsEngine engine, FixTranslator translator, byte[] line)
    {
        Assert.True(_parser.TryParse(line, out FixMessage fix, out FixError parseError), parseError.ToString());
        Assert.Equal(FixTranslateResult.EngineMessage, translator.Translate(in fix, out OmsMessage m, out FixError error));
        Assert.Equal(FixError.None, error);
        engine.Apply(in m);
    }
}
