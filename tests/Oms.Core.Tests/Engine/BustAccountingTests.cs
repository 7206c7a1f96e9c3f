using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>A bust or correction leaves positions exactly as if the busted fill never happened (or the corrected one had been right).</summary>
public sealed class BustAccountingTests
{
    private static PositionView Strategy(OmsEngine engine) =>
        engine.TryGetPosition(PositionOwner.Strategy, 1, 1, out PositionView p) ? p : throw new InvalidOperationException("no position");

    private static PositionView Account(OmsEngine engine) =>
        engine.TryGetPosition(PositionOwner.Account, 1, 1, out PositionView p) ? p : throw new InvalidOperationException("no position");

    private static OmsEngine Engine(params OmsMessage[] messages)
    {
        var engine = TestEngines.Create();
        engine.ApplyAll(messages);
        return engine;
    }

    [Fact]
    public void Bust_SecondOfTwoBuys_PositionAsIfItNeverHappened()
    {
        var engine = Engine(
            Msg.New("A", Side.Buy, qty: 100, price: 11_000),
            Msg.Report(ExecType.New, "A", "a0"),
            Msg.Fill("A", "f1", 60, 10_000),
            Msg.Fill("A", "f2", 40, 10_500),
            Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f2"));

        var expected = Engine(
            Msg.New("A", Side.Buy, qty: 100, price: 11_000),
            Msg.Report(ExecType.New, "A", "a0"),
            Msg.Fill("A", "f1", 60, 10_000));
        foreach (var (actual, wanted) in new[] { (Strategy(engine), Strategy(expected)), (Account(engine), Account(expected)) })
        {
            Assert.Equal(wanted, actual);
            Assert.Equal(60, actual.NetQty);
            Assert.Equal(10_000, actual.AvgCost);
            Assert.Equal(Int128.Zero, actual.RealizedPnl);
            Assert.Equal((60L, 0L), (actual.BoughtQty, actual.SoldQty));
        }
    }

    [Fact]
    public void Bust_BuyBeforeAFlip_RealizedPnlRemoved()
    {
        // Buy 100 @ 10.000, sell 150 @ 11.000 (flip to -50), then the buy is busted: only the sale remains.
        var engine = Engine(
            Msg.New("B", Side.Buy, qty: 100, price: 10_000),
            Msg.New("S", Side.Sell, qty: 150, price: 11_000),
            Msg.Fill("B", "fb", 100, 10_000),
            Msg.Fill("S", "fs", 150, 11_000));
        Assert.Equal((Int128)100_000, Strategy(engine).RealizedPnl);

        engine.Apply(Msg.Report(ExecType.TradeCancel, "B", "bust", execRefId: "fb"));
        PositionView p = Strategy(engine);
        Assert.Equal(-150, p.NetQty);
        Assert.Equal(11_000, p.AvgCost);
        Assert.Equal(Int128.Zero, p.RealizedPnl);
        Assert.Equal((Int128)(-150 * 11_000), p.Cost);
    }

    [Fact]
    public void Correct_FirstFill_TakesItsPlaceInTheSequence()
    {
        // Fills: buy 50 @ 10.000, sell 50 @ 12.000. Correct the buy to 50 @ 11.000: realized becomes 50 × 1.000.
        var engine = Engine(
            Msg.New("B", Side.Buy, qty: 50, price: 12_000),
            Msg.New("S", Side.Sell, qty: 50, price: 12_000),
            Msg.Fill("B", "fb", 50, 10_000),
            Msg.Fill("S", "fs", 50, 12_000),
            Msg.Report(ExecType.TradeCorrect, "B", "corr", execRefId: "fb", lastQty: 50, lastPx: 11_000));

        var expected = Engine(
            Msg.New("B", Side.Buy, qty: 50, price: 12_000),
            Msg.New("S", Side.Sell, qty: 50, price: 12_000),
            Msg.Fill("B", "fb", 50, 11_000),
            Msg.Fill("S", "fs", 50, 12_000));
        Assert.Equal(Strategy(expected), Strategy(engine));
        Assert.Equal((Int128)50_000, Strategy(engine).RealizedPnl);
        Assert.True(engine.TryGetOrder(Msg.Id("B"), out OrderView b));
        Assert.Equal((50L, 11_000L), (b.CumQty, b.AvgPx));

        // The correction can itself be busted; the original cannot be referenced again.
        engine.Apply(Msg.Report(ExecType.TradeCancel, "B", "bust-orig", execRefId: "fb"));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.ExecRefNotActive));
        engine.Apply(Msg.Report(ExecType.TradeCancel, "B", "bust-corr", execRefId: "corr"));
        Assert.Equal(-50, Strategy(engine).NetQty);
        Assert.Equal(Int128.Zero, Strategy(engine).RealizedPnl);
    }

    [Fact]
    public void Bust_WhenFillStoreWasFull_FallsBackToOppositeTrade_NetStillExact()
    {
        var options = TestEngines.SmallOptions();
        options.MaxFills = 1;
        var engine = TestEngines.Create(options);
        engine.ApplyAll(
            Msg.New("A", Side.Buy, qty: 100, price: 11_000),
            Msg.Fill("A", "f1", 60, 10_000));
        Assert.False(Strategy(engine).Incomplete);
        engine.Apply(Msg.Fill("A", "f2", 40, 10_500));   // not recorded: FillCapacity
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.FillCapacity));
        Assert.True(Strategy(engine).Incomplete);
        Assert.True(engine.Position(PositionOwner.Account, 1).Incomplete);

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));
        PositionView p = Strategy(engine);
        Assert.Equal(40, p.NetQty);
        Assert.True(engine.TryGetOrder(Msg.Id("A"), out OrderView a));
        Assert.Equal(40, a.CumQty);
    }
}
