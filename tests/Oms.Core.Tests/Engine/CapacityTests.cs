using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>
/// The engine's tables and queues at their limits: what is denied or refused (with which reason, leaving what
/// behind), and what still works, above all cancels, when new orders and replaces have used the room up.
/// </summary>
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
        AssertDeniedWithoutRow(engine, Msg.New("C"), RejectReason.IdCapacity);

        // The kill switch: every live order gets its cancel.
        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M1"));
        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(2, events.Count(e => e.Kind == EventKind.PendingCancel));
        Assert.Equal(2, events.Single(e => e.Kind == EventKind.MassCancelDone).LastQty);
        Assert.Equal(2, engine.Outbound(1).Count(c => c.Kind == VenueCommandKind.Cancel));
        Assert.Equal(2, engine.Counters.ByReason(RejectReason.IdCapacity));
        Assert.Null(engine.ValidateInvariants());
    }

    /// <summary>Submits a new order that must be denied with <paramref name="reason"/> before it takes a row.</summary>
    private static void AssertDeniedWithoutRow(OmsEngine engine, in OmsMessage order, RejectReason reason)
    {
        engine.Apply(in order);
        OmsEvent denied = Assert.Single(engine.Events(order.StrategyId));
        Assert.Equal((EventKind.Denied, reason), (denied.Kind, denied.Reason));
        Assert.False(engine.TryGetOrder(order.ClOrdId, out _));
        Assert.Empty(engine.Outbound(order.VenueId));
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
        AssertDeniedWithoutRow(engine, Msg.New("D"), RejectReason.IdCapacity);

        // C fills: it needs no cancel any more.
        engine.Apply(Msg.Fill("C", "f1", 100, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("C").Status);
        engine.DrainAll();
        var snapshot = new MemoryStream();
        engine.WriteSnapshot(snapshot);
        snapshot.Position = 0;
        OmsEngine restored = TestEngines.OpenStreams(OmsEngine.ReadSnapshot(snapshot, engine.Options));

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

        // Denied after its row is taken (the row stays, Denied), so not AssertDeniedWithoutRow.
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

    [Fact]
    public void NewOrder_OrderTableFull_DeniedOrderCapacityWithoutRow()
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.MaxOrders = 2;
        var engine = TestEngines.Create(options);
        engine.NewAcked("A");
        engine.NewAcked("B");

        AssertDeniedWithoutRow(engine, Msg.New("C"), RejectReason.OrderCapacity);
        Assert.Equal(2, engine.SnapshotOrders().Count);
        Assert.Equal((1L, 1L), (engine.Counters.Denied, engine.Counters.ByReason(RejectReason.OrderCapacity)));

        // The engine carries on: existing orders still trade, and the same ClOrdID is not burned.
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("A").Status);
        engine.Apply(Msg.New("C"));
        Assert.Equal(RejectReason.OrderCapacity, Assert.Single(engine.Events(1), x => x.Kind == EventKind.Denied).Reason);
    }

    [Fact]
    public void NewOrder_VenueQueueFullAndNotDrained_DeniedVenueBackPressure()
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.VenueQueueCapacity = 2;
        var engine = TestEngines.Create(options);
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.New("B"));

        engine.Apply(Msg.New("C"));

        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(new[] { EventKind.Submitted, EventKind.Submitted, EventKind.Denied }, events.Select(x => x.Kind));
        Assert.Equal(RejectReason.VenueBackPressure, events[2].Reason);
        Assert.Equal(OrderStatus.Denied, engine.Order("C").Status);
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.VenueBackPressure));

        // Another venue is unaffected; once the gateway drains, the venue takes orders again.
        engine.Apply(Msg.New("D", venue: 2));
        Assert.Equal(OrderStatus.PendingNew, engine.Order("D").Status);
        Assert.Equal(new[] { Msg.Id("A"), Msg.Id("B") }, engine.Outbound(1).Select(c => c.ClOrdId));
        engine.Apply(Msg.New("E"));
        Assert.Equal(OrderStatus.PendingNew, engine.Order("E").Status);
    }

    [Fact]
    public void Cancel_VenueQueueFull_RefusedVenueBackPressureAndUntouched()
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.VenueQueueCapacity = 2;
        var engine = TestEngines.Create(options);
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.New("B"));
        engine.Events(1);
        ulong before = engine.ComputeStateHash();
        long refused = engine.Counters.Refused;

        engine.Apply(Msg.Cancel("C1", "A"));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.RequestRefused, RejectReason.VenueBackPressure), (e.Kind, e.Reason));
        Assert.Equal(before, engine.ComputeStateHash());
        Assert.Equal(refused + 1, engine.Counters.Refused);
        Assert.Equal(2, engine.Outbound(1).Count); // only the two new orders
        Assert.Equal(OrderStatus.PendingNew, engine.Order("A").Status);
    }
}
