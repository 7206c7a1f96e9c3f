using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>The id indexes at their limits: what still works when new orders and replaces have used them up.</summary>
public sealed class CapacityTests
{
    private static OmsEngine Engine(int maxOrders, int maxClOrdIds = 0)
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.MaxOrders = maxOrders;
        options.MaxClOrdIds = maxClOrdIds;
        return TestEngines.Create(options);
    }

    private static void Replaced(OmsEngine engine, string clOrdId, string origClOrdId, long qty, string? venueOrderId = null)
    {
        engine.Apply(Msg.Replace(clOrdId, origClOrdId, qty, 10_000));
        engine.Apply(Msg.Report(ExecType.Replaced, clOrdId, "r-" + clOrdId, origClOrdId, venueOrderId, qty: qty, price: 10_000));
        Assert.Equal(qty, engine.Order(clOrdId).OrderQty);
        engine.DrainAll();
    }

    [Fact]
    public void ClOrdIdsUsedUpByReplaces_CancelAndMassCancelStillReachEveryLiveOrder()
    {
        var engine = Engine(maxOrders: 4, maxClOrdIds: 8);
        engine.NewAcked("A");
        engine.NewAcked("B");

        // Two ids used, one kept for each live order's cancel: four replaces fit, the fifth would take a kept one.
        string current = "A";
        for (int i = 1; i <= 4; i++)
        {
            Replaced(engine, "A" + i, current, 100 + i);
            current = "A" + i;
        }

        engine.ApplyRefusedCommand(Msg.Replace("A5", current, 105, 10_000), RejectReason.IdCapacity);
        AssertDenied(engine, "C");

        // The kill switch: every live order gets its cancel.
        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M1"));
        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(2, events.Count(e => e.Kind == EventKind.PendingCancel));
        Assert.Equal(2, events.Single(e => e.Kind == EventKind.MassCancelDone).LastQty);
        Assert.Equal(2, engine.Outbound(1).Count(c => c.Kind == VenueCommandKind.Cancel));
        Assert.Equal(2, engine.Counters.ByReason(RejectReason.IdCapacity));
        Assert.Null(engine.ValidateInvariants());
    }

    private static void AssertDenied(OmsEngine engine, string clOrdId)
    {
        engine.Apply(Msg.New(clOrdId));
        OmsEvent denied = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Denied, RejectReason.IdCapacity), (denied.Kind, denied.Reason));
        Assert.False(engine.TryGetOrder(Msg.Id(clOrdId), out _));
    }

    [Fact]
    public void ClOrdIdsKeptForCancels_AreFreedAsOrdersEnd_AndCountedAgainFromASnapshot()
    {
        var engine = Engine(maxOrders: 4, maxClOrdIds: 8);
        engine.NewAcked("A");
        engine.NewAcked("B");
        engine.NewAcked("C");
        Replaced(engine, "A1", "A", 150);

        // Four used, three live: a fourth order would leave three ids for four live orders (a row is free).
        AssertDenied(engine, "D");

        // C fills: it needs no cancel any more.
        engine.Apply(Msg.Fill("C", "f1", 100, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("C").Status);
        engine.DrainAll();
        var snapshot = new MemoryStream();
        engine.WriteSnapshot(snapshot);
        snapshot.Position = 0;
        OmsEngine restored = OmsEngine.ReadSnapshot(snapshot, engine.Options);
        for (int s = 1; s <= restored.Options.MaxStrategies; s++)
        {
            restored.OpenStrategyStream(s);
        }

        foreach (OmsEngine e in new[] { engine, restored })
        {
            e.Apply(Msg.New("D"));
            Assert.Equal(OrderStatus.PendingNew, e.Order("D").Status);
            e.DrainAll();

            // Five used, three live: the three left are their cancels'.
            e.ApplyRefusedCommand(Msg.Replace("B1", "B", 150, 10_000), RejectReason.IdCapacity);
            e.Apply(Msg.Cancel("A-C", "A1"));
            e.Apply(Msg.Cancel("B-C", "B"));
            e.Apply(Msg.Cancel("D-C", "D"));
            Assert.All(new[] { "A", "B", "D" }, id => Assert.Equal(OrderStatus.PendingCancel, e.Order(id).Status));
            Assert.Null(e.ValidateInvariants());
        }
    }

    [Fact]
    public void MinimumClOrdIds_IsTwoPerOrder()
    {
        var options = new OmsEngineOptions { MaxOrders = 10, MaxClOrdIds = 19 };
        Assert.Contains("MaxClOrdIds", options.Validate());
        options.MaxClOrdIds = 20;
        Assert.Null(options.Validate());
    }

    [Fact]
    public void VenueGivingANewOrderIdOnEveryReplace_NeverCrowdsOutANewOrdersOrderId()
    {
        // The venue OrderID index holds two entries per row: 4 here.
        var engine = Engine(maxOrders: 2, maxClOrdIds: 64);
        engine.NewAcked("A"); // OrderID V-A
        string current = "A";
        for (int i = 1; i <= 8; i++)
        {
            Replaced(engine, "A" + i, current, 100 + i, venueOrderId: "VA" + i);
            current = "A" + i;
        }

        engine.NewAcked("B"); // OrderID V-B

        // Reports naming only the OrderID find both orders' current ones.
        engine.Apply(Msg.Report(ExecType.Trade, "", "f1", venueOrderId: "V-B", lastQty: 40, lastPx: 10_000));
        engine.Apply(Msg.Report(ExecType.Trade, "", "f2", venueOrderId: "VA8", lastQty: 30, lastPx: 10_000));
        Assert.Equal((30L, 40L), (engine.Order("A").CumQty, engine.Order("B").CumQty));
        Assert.Equal(0, engine.Counters.ByReason(RejectReason.UnknownOrderReport));
        Assert.Equal(0, engine.Counters.Anomalies);
        Assert.Null(engine.ValidateInvariants());
    }

    [Fact]
    public void PositionTableWithRoomForOnlyOneOfAnOrdersTwoRows_DeniesIt_AndMakesNeither()
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.MaxPositions = 3;
        var engine = TestEngines.Create(options);
        engine.NewAcked("A"); // account 1 and strategy 1 in instrument 1: two rows

        engine.Apply(Msg.New("B", instrument: 2));
        OmsEvent denied = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Denied, RejectReason.PositionCapacity), (denied.Kind, denied.Reason));
        Assert.Equal(2, engine.SnapshotPositions().Count);
        Assert.False(engine.TryGetPosition(PositionOwner.Account, 1, 2, out _));

        // The row left is still there for an order that needs just one: account 2 beside strategy 1's row.
        engine.NewAcked("C", account: 2);
        Assert.Equal(3, engine.SnapshotPositions().Count);
        Assert.Null(engine.ValidateInvariants());
    }
}
