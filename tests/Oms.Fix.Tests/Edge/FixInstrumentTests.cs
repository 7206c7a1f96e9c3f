using Oms.Domain;
using Oms.Engine;
using Oms.Fix.Tests.Support;
using static Oms.Fix.Tests.Support.EdgeSession;

namespace Oms.Fix.Tests.Edge;

/// <summary>
/// Values are read at the scales of the instrument a message names: a report or a replace naming another symbol
/// than its order's must not be applied at those scales, and a message the edge refuses adds no name to the tables.
/// </summary>
public sealed class FixInstrumentTests
{
    private const string Fill = "35=8|" + Header +
        "37=V-1|11=ORD-1|17=E-1|150=F|39=2|55=AAPL|54=1|38=100|32=100|31=187.2|151=0|14=100|6=187.2|60=20261125-13:30:00.300|";

    private const string Restatement = "35=8|" + Header +
        "37=V-1|11=ORD-1|17=E-2|150=D|39=0|55=AAPL|54=1|38=1000|44=190|151=1000|14=0|6=0|60=20261125-13:30:00.300|";

    [Fact]
    public void Fill_NamingAnUnknownSymbol_RefusedAtTheEdgeAndAddsNothing()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();
        int symbols = f.Instruments.Count;

        // AAPL.O has no scales: read at the default ones, LastPx 187.2 would book 18,720.00 on the AAPL order.
        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(Fill, FixTag.Symbol, "AAPL.O"), out OmsMessage m, out FixError error));

        Assert.Equal(new FixError(FixErrorCode.UnknownSymbol, FixTag.Symbol), error);
        Assert.Equal(default, m);
        Assert.Equal(symbols, f.Instruments.Count);
        Assert.False(f.Instruments.TryGet("AAPL.O", out _));
        Assert.Equal(0, Order(engine, "ORD-1").CumQty);
    }

    [Fact]
    public void Fill_NamingAnotherKnownSymbol_NamesItAndTheEngineRefusesIt()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();
        InstrumentSpec msft = f.Instruments.Add("MSFT", 4, 0);

        Assert.Equal(FixTranslateResult.EngineMessage, f.Translate(Samples.With(Fill, FixTag.Symbol, "MSFT"), out OmsMessage m, out _));
        Assert.Equal(msft.Id, m.InstrumentId);
        Assert.Equal(1_872_000, m.LastPx); // read at MSFT's scale
        engine.Apply(in m);

        Assert.Equal((0L, 0L), (Order(engine, "ORD-1").CumQty, engine.Counters.Fills));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.InstrumentMismatch));
        Assert.True(engine.Anomalies.TryRead(out OmsEvent anomaly));
        Assert.Equal(RejectReason.InstrumentMismatch, anomaly.Reason);
    }

    [Fact]
    public void Restatement_NamingAnotherSymbol_ChangesNothing()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();
        f.Instruments.Add("MSFT", 4, 2);

        Apply(f, engine, Samples.With(Restatement, FixTag.Symbol, "MSFT"));

        OrderView order = Order(engine, "ORD-1");
        Assert.Equal((100L, 18_725L), (order.OrderQty, order.Price));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.InstrumentMismatch));
    }

    [Fact]
    public void Reports_NamingTheOrdersSymbol_CarryItsInstrumentAndApply()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();

        f.Translate(Fill, out OmsMessage m, out _);
        Assert.Equal(f.Aapl.Id, m.InstrumentId);
        engine.Apply(in m);

        OrderView order = Order(engine, "ORD-1");
        Assert.Equal((OrderStatus.Filled, 100L, 18_720L), (order.Status, order.CumQty, order.AvgPx));
        Assert.Equal(0, engine.Counters.Anomalies);
    }

    [Fact]
    public void Replace_NamingAnotherSymbol_RefusedAndNothingSent()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();
        f.Instruments.Add("MSFT", 4, 0);

        // At MSFT's scale 44=190 is 1,900,000: sent for the AAPL order it would ask for 19,000.00.
        Apply(f, engine, Samples.With(Replace, FixTag.Symbol, "MSFT"));

        Assert.False(engine.VenueQueue(1).TryRead(out _));
        Assert.Equal(OrderStatus.New, Order(engine, "ORD-1").Status);
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.WrongInstrument));
        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(Replace, FixTag.Symbol, "AAPL.O"), out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.UnknownSymbol, FixTag.Symbol), error);
        Assert.False(f.Instruments.TryGet("AAPL.O", out _));

        // The same replace naming the order's symbol goes out at its scale.
        Apply(f, engine, Replace);
        Assert.True(engine.VenueQueue(1).TryRead(out VenueCommand sent));
        Assert.Equal((VenueCommandKind.Replace, 19_000L), (sent.Kind, sent.Price));
    }

    [Fact]
    public void ReportsForUnknownSymbols_DoNotFillTheDirectory()
    {
        TranslatorFixture f = Fixture(instruments: 3); // AAPL and room for two more

        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(Samples.With(Fill, FixTag.Symbol, "GARBAGE"), FixTag.LastQty, "abc"), out _, out _));
        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(Samples.With(Fill, FixTag.ClOrdId, "NOPE-0"), FixTag.Symbol, "JUNK0"), out _, out _));
        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(Samples.With(Fill, FixTag.ClOrdId, "NOPE-1"), FixTag.Symbol, "JUNK1"), out _, out _));
        Assert.Equal(1, f.Instruments.Count);

        Assert.Equal(FixTranslateResult.EngineMessage, f.Translate(Samples.With(NewOrder, FixTag.Symbol, "MSFT"), out _, out FixError error));
        Assert.Equal(FixError.None, error);
    }

    [Fact]
    public void NewOrder_Refused_LeavesTheNameTablesUnchanged()
    {
        TranslatorFixture f = Fixture();
        int symbols = f.Instruments.Count, accounts = f.Accounts.Count;

        string order = Samples.With(Samples.With(Samples.With(NewOrder, FixTag.Account, "NEWACC"), FixTag.Symbol, "NEWSYM"), FixTag.OrderQty, "-1");
        Assert.Equal(FixTranslateResult.Error, f.Translate(order, out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.BadValue, FixTag.OrderQty), error);

        Assert.Equal((symbols, accounts), (f.Instruments.Count, f.Accounts.Count));
        Assert.False(f.Instruments.TryGet("NEWSYM", out _));
        Assert.False(f.Accounts.TryGetId("NEWACC", out _));

        // Once the order is valid, both names are added and its values read at the new symbol's scales.
        Assert.Equal(FixTranslateResult.EngineMessage, f.Translate(Samples.With(order, FixTag.OrderQty, "5"), out OmsMessage m, out _));
        Assert.True(f.Instruments.TryGet("NEWSYM", out InstrumentSpec spec));
        Assert.True(f.Accounts.TryGetId("NEWACC", out int account));
        Assert.Equal((spec.Id, account, 1_872_500L), (m.InstrumentId, m.AccountId, m.Price));
    }

    [Fact]
    public void NewOrder_InstrumentDirectoryFull_DoesNotInternItsAccount()
    {
        TranslatorFixture f = Fixture(instruments: 1); // AAPL only

        string order = Samples.With(Samples.With(NewOrder, FixTag.Symbol, "MSFT"), FixTag.Account, "NEWACC");
        Assert.Equal(FixTranslateResult.Error, f.Translate(order, out _, out FixError error));

        Assert.Equal(new FixError(FixErrorCode.InstrumentTableFull, FixTag.Symbol), error);
        Assert.False(f.Accounts.TryGetId("NEWACC", out _));
        Assert.Equal(0, f.Accounts.Count);
    }

    [Fact]
    public void NewOrder_AccountTableFull_DoesNotAddItsSymbol()
    {
        var f = new TranslatorFixture(new FixTranslatorOptions { VenueId = 1, DefaultStrategyId = 1 }, accounts: 1);
        f.Accounts.TryIntern("FIRST", out _);

        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.With(NewOrder, FixTag.Symbol, "MSFT"), out _, out FixError error));

        Assert.Equal(new FixError(FixErrorCode.AccountTableFull, FixTag.Account), error);
        Assert.False(f.Instruments.TryGet("MSFT", out _));
    }
}
