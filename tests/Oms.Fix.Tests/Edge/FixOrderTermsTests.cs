using Oms.Domain;
using Oms.Engine;
using Oms.Fix.Tests.Support;
using static Oms.Fix.Tests.Support.EdgeSession;

namespace Oms.Fix.Tests.Edge;

/// <summary>
/// What a FIX message says about its order's terms reaches the engine, which refuses a message contradicting them
/// instead of acting on the order's own: a report's side, a replace's order type and time in force, and the
/// strategy a minted ClOrdID names.
/// </summary>
public sealed class FixOrderTermsTests
{
    private const string PartialFill = "35=8|" + Header +
        "37=V-1|11=ORD-1|17=E-1|150=F|39=1|55=AAPL|54=1|38=100|32=10|31=187.2|151=90|14=10|6=187.2|60=20261125-13:30:00.300|";

    [Fact]
    public void Fill_ContradictingTheOrdersSide_RefusedAndNothingBooked()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();

        f.Translate(Samples.With(PartialFill, FixTag.Side, "2"), out OmsMessage m, out _);
        Assert.Equal(Side.Sell, m.Side);
        engine.Apply(in m);

        Assert.Equal((0L, 0L), (Order(engine, "ORD-1").CumQty, engine.Counters.Fills));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.SideMismatch));
        Assert.True(engine.Anomalies.TryRead(out OmsEvent anomaly));
        Assert.Equal(RejectReason.SideMismatch, anomaly.Reason);

        // The same fill repeating the order's side is booked.
        Apply(f, engine, PartialFill);
        Assert.Equal(10, Order(engine, "ORD-1").CumQty);
    }

    [Fact]
    public void Replace_ChangingTheOrderType_RefusedForThat()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();

        // To market: no 44, which the limit order's type would call a missing price.
        Apply(f, engine, Samples.Without(Replace, FixTag.Price).Replace("40=2", "40=1", StringComparison.Ordinal));

        Assert.Equal(1, engine.Counters.ByReason(RejectReason.ReplaceChangesOrderType));
        Assert.Equal(0, engine.Counters.ByReason(RejectReason.InvalidPrice));
        Assert.False(engine.VenueQueue(1).TryRead(out _));
        Assert.Equal(OrderStatus.New, Order(engine, "ORD-1").Status);
    }

    [Fact]
    public void Replace_ChangingTheTimeInForce_RefusedForThat()
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();

        f.Translate(Replace + "59=1|", out OmsMessage m, out _);
        Assert.Equal(TimeInForce.GoodTillCancel, m.TimeInForce);
        engine.Apply(in m);

        Assert.Equal(1, engine.Counters.ByReason(RejectReason.ReplaceChangesTimeInForce));
        Assert.False(engine.VenueQueue(1).TryRead(out _));
        Assert.Equal(OrderStatus.New, Order(engine, "ORD-1").Status);
    }

    [Theory]
    [InlineData("")]      // says nothing of it
    [InlineData("59=0|")] // repeats the order's
    public void Replace_KeepingTheTimeInForce_GoesOut(string tif)
    {
        (TranslatorFixture f, OmsEngine engine) = AckedOrder();

        Apply(f, engine, Replace + tif);

        Assert.True(engine.VenueQueue(1).TryRead(out VenueCommand sent));
        Assert.Equal((VenueCommandKind.Replace, TimeInForce.Day, 19_000L), (sent.Kind, sent.TimeInForce, sent.Price));
        Assert.Equal(OrderStatus.PendingReplace, Order(engine, "ORD-1").Status);
    }

    [Fact]
    public void Orders_WithStrategyMintedIds_AreTheirStrategys()
    {
        TranslatorFixture f = Fixture(); // default strategy 1
        OmsEngine engine = NewEngine();

        Apply(f, engine, Samples.With(NewOrder, FixTag.ClOrdId, "S2-1"));
        Apply(f, engine, Samples.With(Ack, FixTag.ClOrdId, "S2-1"));
        Apply(f, engine, Samples.With(Samples.With(NewOrder, FixTag.ClOrdId, "S1-1"), FixTag.OrderQty, "50"));
        Apply(f, engine, NewOrder); // not minted: the default strategy's

        Assert.Equal((2, OrderStatus.New), (Order(engine, "S2-1").StrategyId, Order(engine, "S2-1").Status));
        Assert.Equal(1, Order(engine, "S1-1").StrategyId);
        Assert.Equal(1, Order(engine, "ORD-1").StrategyId);
        Assert.Equal(0, engine.Counters.ByReason(RejectReason.ForeignClOrdId));

        // Its fills, replaces and cancels follow it.
        Apply(f, engine, Samples.With(PartialFill, FixTag.ClOrdId, "S2-1"));
        Assert.Equal(10, Order(engine, "S2-1").CumQty);
        Apply(f, engine, Samples.With(Samples.With(Replace, FixTag.ClOrdId, "S2-2"), FixTag.OrigClOrdId, "S2-1"));
        Assert.Equal(OrderStatus.PendingReplace, Order(engine, "S2-1").Status);
        Assert.Equal(0, engine.Counters.Refused);
    }

    [Fact]
    public void Replace_WhoseIdsNameTwoStrategies_RefusedAsForeign()
    {
        TranslatorFixture f = Fixture();
        OmsEngine engine = NewEngine();
        Apply(f, engine, Samples.With(NewOrder, FixTag.ClOrdId, "S2-1"));
        Apply(f, engine, Samples.With(Ack, FixTag.ClOrdId, "S2-1"));

        // Stamped with the order's strategy (41): its new ClOrdID is strategy 1's, which strategy 2 may not use.
        f.Translate(Samples.With(Samples.With(Replace, FixTag.ClOrdId, "S1-2"), FixTag.OrigClOrdId, "S2-1"), out OmsMessage m, out _);
        Assert.Equal(2, m.StrategyId);
        engine.Apply(in m);

        Assert.Equal(1, engine.Counters.ByReason(RejectReason.ForeignClOrdId));
        Assert.Equal(OrderStatus.New, Order(engine, "S2-1").Status);
    }
}
