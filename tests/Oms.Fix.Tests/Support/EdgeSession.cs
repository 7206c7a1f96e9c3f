using Oms.Engine;

namespace Oms.Fix.Tests.Support;

/// <summary>
/// A FIX edge in front of a small engine, for tests that translate messages and apply them: one order, ORD-1, a Day
/// buy limit of 100 AAPL (price scale 2) at 187.25, and the messages about it.
/// </summary>
internal static class EdgeSession
{
    public const string Header = "49=VENUE|56=OMS|34=7|52=20261125-13:30:00.123|";

    public const string NewOrder = "35=D|" + Header +
        "11=ORD-1|1=ACC1|55=AAPL|54=1|38=100|40=2|44=187.25|59=0|60=20261125-13:30:00.100|";

    public const string Ack = "35=8|" + Header +
        "37=V-1|11=ORD-1|17=E-0|150=0|39=0|55=AAPL|54=1|38=100|151=100|14=0|6=0|60=20261125-13:30:00.200|";

    public const string Replace = "35=G|" + Header +
        "11=ORD-1-R|41=ORD-1|55=AAPL|54=1|38=100|40=2|44=190|60=20261125-13:30:01|";

    /// <summary>A translator for venue 1, strategy 1 by default, with an instrument directory of <paramref name="instruments"/>.</summary>
    public static TranslatorFixture Fixture(int instruments = 16) =>
        new(new FixTranslatorOptions { VenueId = 1, DefaultStrategyId = 1 }, instruments: instruments);

    /// <summary>A small engine with the streams of strategies 1 and 2 open.</summary>
    public static OmsEngine NewEngine()
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

    /// <summary>ORD-1 sent and acknowledged; the venue queue read.</summary>
    public static (TranslatorFixture, OmsEngine) AckedOrder()
    {
        TranslatorFixture f = Fixture();
        OmsEngine engine = NewEngine();
        Apply(f, engine, NewOrder);
        Apply(f, engine, Ack);
        Assert.True(engine.VenueQueue(1).TryRead(out _));
        Assert.Equal(Oms.Domain.OrderStatus.New, Order(engine, "ORD-1").Status);
        return (f, engine);
    }

    /// <summary>Translates <paramref name="body"/>, which must become an engine message, and applies it.</summary>
    public static void Apply(TranslatorFixture f, OmsEngine engine, string body)
    {
        Assert.Equal(FixTranslateResult.EngineMessage, f.Translate(body, out OmsMessage m, out FixError error));
        Assert.Equal(FixError.None, error);
        engine.Apply(in m);
    }

    /// <summary>The order whose ClOrdID is <paramref name="clOrdId"/> as the translator reads it ("S2-1" strategy 2's minted id, "ORD-1" a hashed one).</summary>
    public static OrderView Order(OmsEngine engine, string clOrdId)
    {
        Assert.True(engine.TryGetOrder(FixIds.ToToken(System.Text.Encoding.ASCII.GetBytes(clOrdId), recognizeStrategyMinted: true), out OrderView order));
        return order;
    }
}
