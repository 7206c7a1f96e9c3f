using Oms.Domain;
using Oms.Engine;
using Oms.Lifecycle;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>
/// The real engine driven through each family of transition-table rows with real messages: order status,
/// quantities, events, venue commands, counters, and that refused input leaves state untouched.
/// </summary>
public sealed class EngineLifecycleTests
{
    [Fact]
    public void VenueCommands_NumberedInTheirVenuesQueue_AndNameTheMessageThatCausedThem()
    {
        var engine = TestEngines.Create();

        engine.Apply(Msg.New("A"));                       // input 0 → venue 1, command 1
        engine.Apply(Msg.New("B") with { VenueId = 2 });  // input 1 → venue 2, command 1
        engine.Apply(Msg.Report(ExecType.New, "A", "E1"));  // input 2: no command
        engine.Apply(Msg.Cancel("A-c", "A"));              // input 3 → venue 1, command 2

        List<VenueCommand> first = engine.Outbound(1);
        Assert.Equal([1L, 2], first.Select(c => c.Sequence));
        Assert.Equal([0L, 3], first.Select(c => c.InputSequence));
        VenueCommand second = Assert.Single(engine.Outbound(2));
        Assert.Equal(1, second.Sequence);
        Assert.Equal(1, second.InputSequence);
    }

    // New → ack → fills.

    [Fact]
    public void NewOrder_AckPartialFull_WalksPendingNewNewPartiallyFilledFilled()
    {
        var engine = TestEngines.Create();

        engine.Apply(Msg.New("A", Side.Buy, qty: 100, price: 10_000));
        OmsEvent submitted = Assert.Single(engine.Events(1));
        Assert.Equal(EventKind.Submitted, submitted.Kind);
        Assert.Equal(OrderStatus.PendingNew, submitted.Status);
        Assert.Equal(100, submitted.LeavesQty);
        VenueCommand sent = Assert.Single(engine.Outbound(1));
        Assert.Equal(VenueCommandKind.New, sent.Kind);
        Assert.Equal(Msg.Id("A"), sent.ClOrdId);
        Assert.True(sent.OrigClOrdId.IsNone);
        Assert.Equal((Side.Buy, OrderType.Limit, 100L, 10_000L), (sent.Side, sent.OrderType, sent.OrderQty, sent.Price));
        Assert.Equal(submitted.OrderId, sent.OrderId);
        Assert.Equal(OrderStatus.PendingNew, engine.Order("A").Status);
        Assert.Equal(1, engine.Counters.Submitted);

        // The venue's own PendingNew echo (150=A) changes nothing.
        engine.ApplyConfirm(Msg.Report(ExecType.PendingNew, "A", "e0"));

        engine.Apply(Msg.Report(ExecType.New, "A", "e1", venueOrderId: "V1"));
        OmsEvent accepted = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Accepted, OrderStatus.New, 100L), (accepted.Kind, accepted.Status, accepted.LeavesQty));
        Assert.Equal(Msg.Id("V1"), engine.Order("A").VenueOrderId);
        Assert.Equal(1, engine.Counters.Accepted);

        engine.Apply(Msg.Fill("A", "e2", 40, 10_000));
        OmsEvent partial = Assert.Single(engine.Events(1));
        Assert.Equal(EventKind.Filled, partial.Kind);
        Assert.Equal(OrderStatus.PartiallyFilled, partial.Status);
        Assert.Equal((40L, 60L, 40L, 10_000L, 10_000L), (partial.CumQty, partial.LeavesQty, partial.LastQty, partial.LastPx, partial.AvgPx));
        Assert.Equal(40, partial.PositionNetQty);

        engine.Apply(Msg.Fill("A", "e3", 60, 10_100));
        OmsEvent full = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, OrderStatus.Filled), (full.Kind, full.Status));
        // AvgPx = (40 × 10_000 + 60 × 10_100) / 100 = 1_006_000 / 100 = 10_060.
        Assert.Equal((100L, 0L, 10_060L), (full.CumQty, full.LeavesQty, full.AvgPx));
        Assert.Equal(100, full.PositionNetQty);
        Assert.Equal(10_060, full.PositionAvgCost);

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 100L, 0L, 10_060L), (o.Status, o.CumQty, o.LeavesQty, o.AvgPx));
        Assert.Equal((Int128)1_006_000, o.Notional);
        Assert.False(o.Overfilled);
        Assert.Equal(2, engine.Counters.Fills);
        Assert.Equal(100, engine.Position(PositionOwner.Account, 1).NetQty);
        Assert.Equal(100, engine.Position(PositionOwner.Strategy, 1).NetQty);
        Assert.Empty(engine.Outbound(1));
        Assert.Empty(engine.DrainAnomalies());
    }

    // Cancels.

    [Fact]
    public void Cancel_AckedOrder_PendingCancelThenCanceled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.Apply(Msg.Cancel("C1", "A"));
        OmsEvent pending = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.PendingCancel, OrderStatus.PendingCancel), (pending.Kind, pending.Status));
        Assert.Equal(Msg.Id("C1"), pending.RequestClOrdId);
        VenueCommand cancel = Assert.Single(engine.Outbound(1));
        Assert.Equal(VenueCommandKind.Cancel, cancel.Kind);
        Assert.Equal((Msg.Id("C1"), Msg.Id("A"), Msg.Id("V-A")), (cancel.ClOrdId, cancel.OrigClOrdId, cancel.VenueOrderId));
        OrderView o = engine.Order("C1");
        Assert.Equal((OrderStatus.PendingCancel, Msg.Id("C1"), Msg.Id("A"), 2), (o.Status, o.PendingClOrdId, o.ClOrdId, o.ChainLength));
        Assert.Equal(100, o.LeavesQty);

        engine.ApplyConfirm(Msg.Report(ExecType.PendingCancel, "C1", "e1", origClOrdId: "A"));

        engine.Apply(Msg.Report(ExecType.Canceled, "C1", "e2", origClOrdId: "A"));
        OmsEvent canceled = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Canceled, OrderStatus.Canceled, 0L), (canceled.Kind, canceled.Status, canceled.LeavesQty));
        o = engine.Order("A");
        Assert.Equal((OrderStatus.Canceled, 0L, 0L), (o.Status, o.CumQty, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
        Assert.Equal(1, engine.Counters.Canceled);

        engine.ApplyRefusedCommand(Msg.Cancel("C2", "A"), RejectReason.OrderNotLive);
    }

    [Fact]
    public void CancelReject_NoFillMeanwhile_RestoresNew()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.DrainAll();

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.CancelRejected, RejectReason.VenueCancelRejected, OrderStatus.New), (e.Kind, e.Reason, e.Status));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.New, 100L), (o.Status, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
        Assert.Empty(engine.Outbound(1));
    }

    [Fact]
    public void CancelReject_FillArrivedMeanwhile_RestoresPartiallyFilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        Assert.Equal((OrderStatus.PendingCancel, 30L), (engine.Order("A").Status, engine.Order("A").CumQty));
        engine.DrainAll();

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.CancelRejected, OrderStatus.PartiallyFilled), (e.Kind, e.Status));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 30L, 70L), (o.Status, o.CumQty, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
    }

    [Fact]
    public void CancelReject_WithoutResponseTo_InfersCancelFromPendingRequest()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.DrainAll();

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.None));

        Assert.Equal(EventKind.CancelRejected, Assert.Single(engine.Events(1)).Kind);
        Assert.Equal(OrderStatus.New, engine.Order("A").Status);
    }

    [Fact]
    public void CancelReject_AfterOrderFilledMeanwhile_DropsPendingAndStaysFilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("A").Status);
        engine.DrainAll();

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.CancelRejected, OrderStatus.Filled), (e.Kind, e.Status));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 100L, 0L), (o.Status, o.CumQty, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
    }

    [Fact]
    public void Cancel_BeforeAck_AckWhilePendingThenCancelReject_RestoresNew()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.Cancel("C1", "A"));
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("A").Status);
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.New, "A", "e1", venueOrderId: "V1"));
        OmsEvent accepted = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Accepted, OrderStatus.PendingCancel), (accepted.Kind, accepted.Status));
        Assert.Equal(1, engine.Counters.Accepted);

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));

        Assert.Equal(OrderStatus.New, engine.Order("A").Status);
        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("V1"), out _));
    }

    [Fact]
    public void Cancel_BeforeAck_VenueRejectsOrder_Rejected()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.Rejected, "A", "e1"));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Rejected, RejectReason.VenueRejected), (e.Kind, e.Reason));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Rejected, 0L), (o.Status, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
    }

    [Fact]
    public void PendingCancel_Unsolicited_TrackedThenCanceled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.Apply(Msg.Report(ExecType.PendingCancel, "A", "e1"));
        OmsEvent pending = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.PendingCancel, OrderStatus.PendingCancel), (pending.Kind, pending.Status));
        Assert.Empty(engine.Outbound(1));

        engine.Apply(Msg.Report(ExecType.Canceled, "A", "e2"));
        Assert.Equal(OrderStatus.Canceled, engine.Order("A").Status);
    }

    // Replaces.

    [Fact]
    public void Replace_PartiallyFilledOrder_PendingReplaceThenReplaced_NewClOrdIdCurrentAndChainGrows()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        OmsEvent pending = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.PendingReplace, OrderStatus.PendingReplace), (pending.Kind, pending.Status));
        VenueCommand replace = Assert.Single(engine.Outbound(1));
        Assert.Equal(VenueCommandKind.Replace, replace.Kind);
        Assert.Equal((Msg.Id("R1"), Msg.Id("A"), Msg.Id("V-A")), (replace.ClOrdId, replace.OrigClOrdId, replace.VenueOrderId));
        Assert.Equal((150L, 10_100L), (replace.OrderQty, replace.Price));
        OrderView o = engine.Order("R1");
        // Nothing changes until the venue confirms, except the request in flight.
        Assert.Equal((Msg.Id("A"), 100L, 10_000L, Msg.Id("R1")), (o.ClOrdId, o.OrderQty, o.Price, o.PendingClOrdId));

        engine.ApplyConfirm(Msg.Report(ExecType.PendingReplace, "R1", "e1", origClOrdId: "A"));

        engine.Apply(Msg.Report(ExecType.Replaced, "R1", "e2", origClOrdId: "A", venueOrderId: "V2"));
        OmsEvent replaced = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Replaced, OrderStatus.PartiallyFilled, Msg.Id("R1")), (replaced.Kind, replaced.Status, replaced.ClOrdId));
        Assert.Equal((150L, 10_100L, 40L, 110L), (replaced.OrderQty, replaced.Price, replaced.CumQty, replaced.LeavesQty));
        o = engine.Order("A");
        Assert.Equal((Msg.Id("R1"), Msg.Id("A"), OrderStatus.PartiallyFilled), (o.ClOrdId, o.OrigClOrdId, o.Status));
        Assert.Equal((150L, 10_100L, 40L, 110L, 2), (o.OrderQty, o.Price, o.CumQty, o.LeavesQty, o.ChainLength));
        Assert.True(o.PendingClOrdId.IsNone);
        Assert.Equal(1, engine.Counters.Replaced);

        // A second replace names the current ClOrdID.
        engine.Apply(Msg.Replace("R2", "R1", qty: 120, price: 10_200));
        VenueCommand second = Assert.Single(engine.Outbound(1));
        Assert.Equal((Msg.Id("R2"), Msg.Id("R1")), (second.ClOrdId, second.OrigClOrdId));
        engine.Apply(Msg.Report(ExecType.Replaced, "R2", "e3", origClOrdId: "R1"));
        o = engine.Order("R2");
        Assert.Equal((Msg.Id("R2"), 120L, 10_200L, 80L, 3), (o.ClOrdId, o.OrderQty, o.Price, o.LeavesQty, o.ChainLength));
        Assert.Equal(new[] { Msg.Id("A"), Msg.Id("R1"), Msg.Id("R2") }, engine.ChainOf(o.OrderId));

        // Lookup by every ClOrdID of the chain, by each venue OrderID and by the internal id finds the one order.
        foreach (string id in new[] { "A", "R1", "R2" })
        {
            Assert.Equal(o.OrderId, engine.Order(id).OrderId);
        }

        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("V-A"), out OrderView byFirstVenueId));
        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("V2"), out OrderView bySecondVenueId));
        Assert.True(engine.TryGetOrder(o.OrderId, out OrderView byId));
        Assert.Equal(o.OrderId, byFirstVenueId.OrderId);
        Assert.Equal(o.OrderId, bySecondVenueId.OrderId);
        Assert.Equal(o, byId);
        Assert.Single(engine.SnapshotOrders());
    }

    [Fact]
    public void ReplaceReject_PendingReplace_RestoresPreviousQtyPriceAndStatus()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        engine.DrainAll();

        engine.Apply(Msg.CancelReject("R1", "A", CxlRejResponseTo.ReplaceRequest));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.ReplaceRejected, RejectReason.VenueReplaceRejected, OrderStatus.PartiallyFilled), (e.Kind, e.Reason, e.Status));
        OrderView o = engine.Order("A");
        Assert.Equal((Msg.Id("A"), OrderStatus.PartiallyFilled, 100L, 10_000L, 60L), (o.ClOrdId, o.Status, o.OrderQty, o.Price, o.LeavesQty));
        Assert.True(o.PendingClOrdId.IsNone);
        Assert.Equal(2, o.ChainLength); // the rejected request's ClOrdID stays known
        Assert.Equal(0, engine.Counters.Replaced);
    }

    [Fact]
    public void ReplaceReject_FillArrivedMeanwhile_RestoresPartiallyFilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        Assert.Equal(OrderStatus.PendingReplace, engine.Order("A").Status);

        engine.Apply(Msg.CancelReject("R1", "A", CxlRejResponseTo.None)); // 434 inferred: a replace is pending

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 100L, 30L, 70L), (o.Status, o.OrderQty, o.CumQty, o.LeavesQty));
    }

    [Fact]
    public void Replace_BeforeAck_RefusedNotAcknowledged()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.DrainAll();

        engine.ApplyRefusedCommand(Msg.Replace("R1", "A", qty: 150, price: 10_100), RejectReason.NotAcknowledged);

        Assert.Equal(OrderStatus.PendingNew, engine.Order("A").Status);
        Assert.False(engine.TryGetOrder(Msg.Id("R1"), out _));
    }

    [Fact]
    public void ReplaceOrCancel_NamingAnotherInstrument_RefusedWrongInstrument()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", instrument: 3);

        // Read at instrument 4's scales, the replace's price would reach the venue at the wrong ones.
        OmsMessage replace = Msg.Replace("R1", "A", qty: 150, price: 10_100);
        replace.InstrumentId = 4;
        OmsEvent refused = engine.ApplyRefusedCommand(replace, RejectReason.WrongInstrument);
        Assert.Equal(engine.Order("A").OrderId, refused.OrderId);
        OmsMessage cancel = Msg.Cancel("C1", "A");
        cancel.InstrumentId = 4;
        engine.ApplyRefusedCommand(cancel, RejectReason.WrongInstrument);
        Assert.Equal(OrderStatus.New, engine.Order("A").Status);
        Assert.False(engine.TryGetOrder(Msg.Id("R1"), out _));

        // Naming the order's instrument, or none, is fine.
        replace.InstrumentId = 3;
        engine.Apply(replace);
        Assert.Equal(OrderStatus.PendingReplace, engine.Order("A").Status);
    }

    [Fact]
    public void Replace_NamingAnotherOrderType_RefusedForThatNotItsPrice()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        // To market: no price, which the limit order's type would call missing.
        OmsMessage replace = Msg.Replace("R1", "A", qty: 150, price: 0);
        replace.OrderType = OrderType.Market;
        OmsEvent refused = engine.ApplyRefusedCommand(replace, RejectReason.ReplaceChangesOrderType);
        Assert.Equal(engine.Order("A").OrderId, refused.OrderId);
        Assert.False(engine.TryGetOrder(Msg.Id("R1"), out _));

        // Naming the order's type, or none, is a replace like any other.
        replace.OrderType = OrderType.Limit;
        replace.Price = 10_100;
        engine.Apply(replace);
        Assert.Equal(OrderStatus.PendingReplace, engine.Order("A").Status);
    }

    [Fact]
    public void Replace_NamingAnotherTimeInForce_Refused()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A"); // Day

        OmsMessage replace = Msg.Replace("R1", "A", qty: 150, price: 10_100);
        replace.TimeInForce = TimeInForce.GoodTillCancel;
        engine.ApplyRefusedCommand(replace, RejectReason.ReplaceChangesTimeInForce);
        Assert.False(engine.TryGetOrder(Msg.Id("R1"), out _));

        replace.TimeInForce = TimeInForce.Day;
        engine.Apply(replace);
        Assert.Equal(OrderStatus.PendingReplace, engine.Order("A").Status);
        Assert.Equal(TimeInForce.Day, engine.Order("A").TimeInForce);
    }

    public static TheoryData<string, RejectReason> RefusedCommandCases() => new()
    {
        { "cancel-unknown", RejectReason.UnknownOrder },
        { "cancel-missing-clordid", RejectReason.MissingClOrdId },
        { "cancel-duplicate-clordid", RejectReason.DuplicateClOrdId },
        { "cancel-in-flight", RejectReason.RequestInFlight },
        { "replace-in-flight", RejectReason.RequestInFlight },
        { "replace-zero-qty", RejectReason.InvalidQuantity },
        { "replace-no-price", RejectReason.InvalidPrice },
        { "replace-done-for-day", RejectReason.OrderNotLive },
    };

    [Theory]
    [MemberData(nameof(RefusedCommandCases))]
    public void CancelOrReplace_Refused_StateUntouchedAndNoVenueCommand(string scenario, RejectReason reason)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B");
        if (scenario is "cancel-in-flight" or "replace-in-flight")
        {
            engine.Apply(Msg.Cancel("C0", "A"));
        }
        else if (scenario == "replace-done-for-day")
        {
            engine.Apply(Msg.Report(ExecType.DoneForDay, "A", "d1"));
        }

        engine.DrainAll();
        OmsMessage command = scenario switch
        {
            "cancel-unknown" => Msg.Cancel("C1", "nope"),
            "cancel-missing-clordid" => Msg.Cancel("", "A"),
            "cancel-duplicate-clordid" => Msg.Cancel("B", "A"),
            "cancel-in-flight" => Msg.Cancel("C1", "A"),
            "replace-in-flight" => Msg.Replace("R1", "A", 150, 10_100),
            "replace-zero-qty" => Msg.Replace("R1", "A", 0, 10_100),
            "replace-no-price" => Msg.Replace("R1", "A", 150, 0),
            "replace-done-for-day" => Msg.Replace("R1", "A", 150, 10_100),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        engine.ApplyRefusedCommand(command, reason);
    }

    // Venue outcomes.

    [Fact]
    public void Rejected_PendingNew_RejectedAndNotLive()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.Rejected, "A", "e1"));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Rejected, RejectReason.VenueRejected, OrderStatus.Rejected, 0L), (e.Kind, e.Reason, e.Status, e.LeavesQty));
        Assert.Equal((OrderStatus.Rejected, 0L), (engine.Order("A").Status, engine.Order("A").LeavesQty));
        Assert.Equal(1, engine.Counters.Rejected);
        engine.ApplyConfirm(Msg.Report(ExecType.Rejected, "A", "e2"));
        engine.ApplyRefusedCommand(Msg.Cancel("C1", "A"), RejectReason.OrderNotLive);
    }

    [Fact]
    public void Expired_PartiallyFilled_ExpiredKeepsFills()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.Expired, "A", "e1"));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Expired, OrderStatus.Expired, 30L, 0L), (e.Kind, e.Status, e.CumQty, e.LeavesQty));
        Assert.Equal(OrderStatus.Expired, engine.Order("A").Status);
        Assert.Equal(1, engine.Counters.Expired);
        engine.ApplyFlagged(Msg.Report(ExecType.Canceled, "A", "e2"), RejectReason.StaleReport);
    }

    [Fact]
    public void DoneForDay_Acked_StaysLiveTakesFillsAndCanBeCanceled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.Apply(Msg.Report(ExecType.DoneForDay, "A", "e1"));
        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.DoneForDay, OrderStatus.DoneForDay, 100L), (e.Kind, e.Status, e.LeavesQty));

        engine.Apply(Msg.Fill("A", "f1", 20, 10_000));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.DoneForDay, 20L, 80L), (o.Status, o.CumQty, o.LeavesQty));

        engine.Apply(Msg.Cancel("C1", "A"));
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("A").Status);
        Assert.Equal(VenueCommandKind.Cancel, Assert.Single(engine.Outbound(1)).Kind);
        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));
        Assert.Equal(OrderStatus.DoneForDay, engine.Order("A").Status);
    }

    [Fact]
    public void Suspended_ThenRestated_ResumesOnlyWhenVenueSaysWorking()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.Apply(Msg.Report(ExecType.Suspended, "A", "e1"));
        OmsEvent suspended = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Suspended, OrderStatus.Suspended, 100L), (suspended.Kind, suspended.Status, suspended.LeavesQty));
        engine.ApplyConfirm(Msg.Report(ExecType.Suspended, "A", "e2"));

        // A restatement with no working OrdStatus changes the terms but keeps the order suspended.
        engine.Apply(Msg.Report(ExecType.Restated, "A", "e3", qty: 90));
        OmsEvent restated = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Restated, OrderStatus.Suspended, 90L), (restated.Kind, restated.Status, restated.OrderQty));

        engine.Apply(Msg.Report(ExecType.Restated, "A", "e4", qty: 80, price: 10_200, ordStatus: OrderStatus.New));
        OmsEvent resumed = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Restated, OrderStatus.New), (resumed.Kind, resumed.Status));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.New, 80L, 10_200L, 80L), (o.Status, o.OrderQty, o.Price, o.LeavesQty));
    }

    [Fact]
    public void Restated_QuantityBelowCumQty_FilledAndFlaggedOverfilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 60, 10_000));

        engine.Apply(Msg.Report(ExecType.Restated, "A", "e1", qty: 50));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 50L, 60L, 0L), (o.Status, o.OrderQty, o.CumQty, o.LeavesQty));
        Assert.True(o.Overfilled);
    }

    [Theory]
    [InlineData(ExecType.OrderStatus)]
    [InlineData(ExecType.Calculated)]
    [InlineData(ExecType.Stopped)]
    public void InformationalReport_PartiallyFilled_NoChange(ExecType execType)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.ApplyConfirm(Msg.Report(execType, "A", "s1", venueOrderId: "V-A", ordStatus: OrderStatus.PartiallyFilled));

        Assert.Equal((OrderStatus.PartiallyFilled, 40L), (engine.Order("A").Status, engine.Order("A").CumQty));
    }

    // Invalid reports.

    [Fact]
    public void Replaced_NoReplacePending_InvalidTransitionAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        OmsEvent anomaly = engine.ApplyFlagged(Msg.Report(ExecType.Replaced, "A", "e1", qty: 500), RejectReason.InvalidTransition);

        Assert.Equal(ExecType.Replaced, anomaly.CauseExecType);
        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        // The owner hears about it too.
        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Anomaly, RejectReason.InvalidTransition), (e.Kind, e.Reason));
        Assert.Equal(100, engine.Order("A").OrderQty);
    }

    [Fact]
    public void Replaced_FilledWithNoReplacePending_InvalidTransition()
    {
        // The (Filled, Replaced) row is allowed only when a replace really is in flight.
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.Replaced, "A", "e1"), RejectReason.InvalidTransition);

        Assert.Equal(OrderStatus.Filled, engine.Order("A").Status);
    }

    [Theory]
    [InlineData(ExecType.New)]
    [InlineData(ExecType.Trade)]
    [InlineData(ExecType.Canceled)]
    [InlineData(ExecType.Rejected)]
    public void Report_DeniedOrder_InvalidTransition(ExecType execType)
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A", qty: 0));
        Assert.Equal(OrderStatus.Denied, engine.Order("A").Status);
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(execType, "A", "e1", lastQty: 10, lastPx: 10_000), RejectReason.InvalidTransition);

        Assert.Equal((OrderStatus.Denied, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
    }

    [Fact]
    public void Report_UndefinedExecType_MalformedReport()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        OmsEvent anomaly = engine.ApplyFlagged(Msg.Report((ExecType)'Z', "A", "e1"), RejectReason.MalformedReport);

        // The order's owner hears of it too; but not of one from a venue the order was not sent to.
        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        Assert.Equal(RejectReason.MalformedReport, Assert.Single(engine.Events(1)).Reason);
        anomaly = engine.ApplyFlagged(Msg.Report((ExecType)'Z', "A", "e2", venue: 2), RejectReason.MalformedReport);
        Assert.Equal(default, anomaly.OrderId);
        Assert.Empty(engine.Events(1));
    }

    [Fact]
    public void Apply_UnknownMessageKind_Anomaly()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        OmsMessage empty = default;

        engine.ApplyFlagged(empty, RejectReason.UnknownMessageKind);
    }

    // Every refusing or echoing row, on the engine.

    /// <summary>Drives order "A" of strategy 1 into <paramref name="status"/> with real messages.</summary>
    private static OmsEngine EngineWithOrderIn(OrderStatus status)
    {
        var engine = TestEngines.Create();
        switch (status)
        {
            case OrderStatus.PendingNew:
                engine.Apply(Msg.New("A"));
                break;
            case OrderStatus.Rejected:
                engine.ApplyAll(Msg.New("A"), Msg.Report(ExecType.Rejected, "A", "s1"));
                break;
            case OrderStatus.Denied:
                engine.Apply(Msg.New("A", qty: 0));
                break;
            default:
                engine.NewAcked("A");
                break;
        }

        OmsMessage? step = status switch
        {
            OrderStatus.PartiallyFilled => Msg.Fill("A", "s1", 40, 10_000),
            OrderStatus.Filled => Msg.Fill("A", "s1", 100, 10_000),
            OrderStatus.Canceled => Msg.Report(ExecType.Canceled, "A", "s1"),
            OrderStatus.Expired => Msg.Report(ExecType.Expired, "A", "s1"),
            OrderStatus.DoneForDay => Msg.Report(ExecType.DoneForDay, "A", "s1"),
            OrderStatus.Suspended => Msg.Report(ExecType.Suspended, "A", "s1"),
            OrderStatus.PendingCancel => Msg.Cancel("C1", "A"),
            OrderStatus.PendingReplace => Msg.Replace("R1", "A", 150, 10_100),
            _ => null,
        };
        if (step is OmsMessage m)
        {
            engine.Apply(in m);
        }

        Assert.Equal(status, engine.Order("A").Status);
        engine.DrainAll();
        return engine;
    }

    /// <summary>
    /// Every (held status, venue report) pair the table answers with Invalid, Stale or Confirm. Which pairs
    /// those are is TransitionTableTests' job; this checks the engine honours them.
    /// </summary>
    public static TheoryData<OrderStatus, ExecType, CxlRejResponseTo> RefusedOrEchoedReports()
    {
        var data = new TheoryData<OrderStatus, ExecType, CxlRejResponseTo>();
        foreach (OrderStatus status in Enum.GetValues<OrderStatus>())
        {
            if (status is OrderStatus.None or OrderStatus.Replaced || Oms.Tests.Lifecycle.TransitionTableTests.IsVenueOnly(status))
            {
                continue;
            }

            foreach (ExecType execType in Enum.GetValues<ExecType>().Where(x => x != ExecType.None))
            {
                Assert.True(OrderStateMachine.TryMap(execType, out var ev));
                if (IsRefusedOrEchoed(status, ev))
                {
                    data.Add(status, execType, CxlRejResponseTo.None);
                }
            }

            if (IsRefusedOrEchoed(status, LifecycleEvent.CancelReject))
            {
                data.Add(status, ExecType.None, CxlRejResponseTo.CancelRequest);
            }

            if (IsRefusedOrEchoed(status, LifecycleEvent.ReplaceReject))
            {
                data.Add(status, ExecType.None, CxlRejResponseTo.ReplaceRequest);
            }
        }

        return data;
    }

    private static bool IsRefusedOrEchoed(OrderStatus status, LifecycleEvent ev) =>
        OrderStateMachine.Transition(status, ev).Action
            is TransitionAction.Invalid or TransitionAction.Stale or TransitionAction.Confirm;

    [Theory]
    [MemberData(nameof(RefusedOrEchoedReports))]
    public void Report_RefusedOrEchoedRow_StateUntouchedAndFlaggedWithTableReason(OrderStatus status, ExecType execType, CxlRejResponseTo responseTo)
    {
        OmsEngine engine = EngineWithOrderIn(status);
        OmsMessage report = responseTo == CxlRejResponseTo.None
            ? Msg.Report(execType, "A", "x1", lastQty: 10, lastPx: 10_000, execRefId: "s1")
            : Msg.CancelReject("A", "A", responseTo);
        var ev = responseTo switch
        {
            CxlRejResponseTo.CancelRequest => LifecycleEvent.CancelReject,
            CxlRejResponseTo.ReplaceRequest => LifecycleEvent.ReplaceReject,
            _ => MapExecType(execType),
        };
        var t = OrderStateMachine.Transition(status, ev);
        long stale = engine.Counters.Stale;

        if (t.Action == TransitionAction.Confirm)
        {
            engine.ApplyConfirm(report);
        }
        else
        {
            RejectReason expected = t.Action == TransitionAction.Stale ? RejectReason.StaleReport : RejectReason.InvalidTransition;
            engine.ApplyFlagged(report, expected);
            OmsEvent toOwner = Assert.Single(engine.Events(1));
            Assert.Equal((EventKind.Anomaly, expected, status), (toOwner.Kind, toOwner.Reason, toOwner.Status));
            Assert.Equal(t.Action == TransitionAction.Stale ? stale + 1 : stale, engine.Counters.Stale);
        }

        Assert.Equal(status, engine.Order("A").Status);
    }

    private static LifecycleEvent MapExecType(ExecType execType)
    {
        Assert.True(OrderStateMachine.TryMap(execType, out var ev));
        return ev;
    }

    // Mass cancel.

    [Fact]
    public void MassCancel_OrderRevivedByAReplaceAfterItFilled_IsCanceledToo()
    {
        // Mass cancel walks its strategy's live list, from which a filled order drops out. Replacing up an
        // order that filled while the replace was in flight brings it back to PartiallyFilled: it must be
        // in the list again.
        var engine = TestEngines.Create();
        engine.NewAcked("D");
        engine.Apply(Msg.Replace("D2", "D", qty: 300, price: 10_000));
        engine.Apply(Msg.Fill("D", "fd", 100, 10_000));                    // D fills (100 of 100) during the replace
        Assert.Equal(OrderStatus.Filled, engine.Order("D").Status);
        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M1"));          // drops filled D from the list
        engine.Apply(Msg.Report(ExecType.Replaced, "D2", "rd", origClOrdId: "D"));
        Assert.Equal(OrderStatus.PartiallyFilled, engine.Order("D2").Status);
        engine.NewAcked("C");
        engine.DrainAll();

        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M2"));

        // Both, in creation order: the revived D went back to its place ahead of the newer C.
        Assert.Equal(new[] { Msg.Id("D2"), Msg.Id("C") }, engine.Outbound(1).Select(c => c.OrigClOrdId));
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("D2").Status);
        Assert.Null(engine.ValidateInvariants());
    }

    [Fact]
    public void MassCancel_AfterManyOrdersEnded_CancelsExactlyTheLiveOnes()
    {
        var engine = TestEngines.Create();
        var live = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            string id = $"O{i}";
            engine.NewAcked(id);
            if (i % 3 == 0)
            {
                live.Add(id);
            }
            else if (i % 3 == 1)
            {
                engine.Apply(Msg.Fill(id, $"f{i}", 100, 10_000));
            }
            else
            {
                engine.Apply(Msg.Report(ExecType.Canceled, id, $"c{i}", origClOrdId: id));
            }
        }

        engine.DrainAll();
        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M1"));
        engine.Apply(Msg.MassCancel(strategy: 1, clOrdId: "M2"));          // everything is pending now: nothing to send

        Assert.Equal(live.Select(Msg.Id), engine.Outbound(1).Select(c => c.OrigClOrdId));
        Assert.Null(engine.ValidateInvariants());
    }

    public static TheoryData<int, int, string[]> MassCancelFilters() => new()
    {
        { 0, 0, ["A", "B", "C"] },
        { 1, 0, ["A", "C"] },
        { 0, 1, ["A", "B"] },
        { 2, 1, ["B"] },
    };

    [Theory]
    [MemberData(nameof(MassCancelFilters))]
    public void MassCancel_ByAccountOrInstrument_CancelsOnlySendersMatchingLiveOrders(int account, int instrument, string[] expected)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", account: 1, instrument: 1);
        engine.NewAcked("B", account: 2, instrument: 1);
        engine.NewAcked("C", account: 1, instrument: 2);
        engine.NewAcked("D", account: 1, instrument: 1, strategy: 2);      // another strategy's
        engine.NewAcked("F", account: 1, instrument: 1);
        engine.Apply(Msg.Fill("F", "f1", 100, 10_000));                       // terminal: not cancelable
        engine.DrainAll();
        ulong otherStrategyOrder = StateHash.Order(engine.Order("D"));

        engine.Apply(Msg.MassCancel(strategy: 1, account: account, instrument: instrument, clOrdId: "M1"));

        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(expected.Length + 1, events.Count);
        OmsEvent done = events[^1];
        Assert.Equal((EventKind.MassCancelDone, (long)expected.Length, Msg.Id("M1")), (done.Kind, done.LastQty, done.RequestClOrdId));
        Assert.All(events[..^1], e => Assert.Equal((EventKind.PendingCancel, OrderStatus.PendingCancel), (e.Kind, e.Status)));

        List<VenueCommand> cancels = engine.Outbound(1);
        Assert.Equal(expected.Length, cancels.Count);
        Assert.All(cancels, c => Assert.Equal(VenueCommandKind.Cancel, c.Kind));
        Assert.Equal(expected.Select(Msg.Id), cancels.Select(c => c.OrigClOrdId));
        Assert.Equal(cancels.Select(c => c.ClOrdId), events[..^1].Select(e => e.RequestClOrdId));
        Assert.All(cancels, c => Assert.True(c.ClOrdId.IsStrategyMinted));
        Assert.Equal(expected.Length, cancels.Select(c => c.ClOrdId).Distinct().Count());

        foreach (string id in new[] { "A", "B", "C" })
        {
            Assert.Equal(expected.Contains(id) ? OrderStatus.PendingCancel : OrderStatus.New, engine.Order(id).Status);
        }

        Assert.Equal(OrderStatus.Filled, engine.Order("F").Status);
        Assert.Equal(otherStrategyOrder, StateHash.Order(engine.Order("D")));
        Assert.Empty(engine.Events(2));
    }

    [Fact]
    public void MassCancel_MintedCancelIds_VenueCanceledReportsFindTheOrders()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B");

        engine.Apply(Msg.MassCancel(strategy: 1));
        List<VenueCommand> cancels = engine.Outbound(1);
        Assert.Equal(2, cancels.Count);
        foreach (VenueCommand c in cancels)
        {
            OmsMessage canceled = Msg.Report(ExecType.Canceled, "unused", "x-" + c.OrigClOrdId.Value);
            canceled.ClOrdId = c.ClOrdId;
            canceled.OrigClOrdId = c.OrigClOrdId;
            engine.Apply(canceled);
        }

        Assert.Equal((OrderStatus.Canceled, OrderStatus.Canceled), (engine.Order("A").Status, engine.Order("B").Status));
        Assert.Equal(2, engine.Counters.Canceled);
    }

    [Fact]
    public void MassCancel_NothingMatches_DoneWithZero()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("D", strategy: 2);

        engine.Apply(Msg.MassCancel(strategy: 1));

        OmsEvent done = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.MassCancelDone, 0L), (done.Kind, done.LastQty));
        Assert.Empty(engine.Outbound(1));
        Assert.Equal(OrderStatus.New, engine.Order("D").Status);
    }

    // Ownership.

    [Fact]
    public void Cancel_AnotherStrategysOrder_RefusedNotOwnerAndOrderUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", strategy: 1);

        OmsEvent refused = engine.ApplyRefusedCommand(Msg.Cancel("C1", "A", strategy: 2), RejectReason.NotOwner);

        // The refusal reveals nothing of the other strategy's order.
        Assert.Equal(default, refused.OrderId);
        Assert.Equal((OrderStatus.None, 0L, 0L), (refused.Status, refused.CumQty, refused.LeavesQty));
        Assert.Empty(engine.Events(1));
        Assert.Equal((OrderStatus.New, 1), (engine.Order("A").Status, engine.Order("A").ChainLength));
        Assert.False(engine.TryGetOrder(Msg.Id("C1"), out _));
    }

    [Fact]
    public void Replace_AnotherStrategysOrder_RefusedNotOwnerAndOrderUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", strategy: 1);

        engine.ApplyRefusedCommand(Msg.Replace("R1", "A", qty: 500, price: 9_000, strategy: 3), RejectReason.NotOwner);

        Assert.Empty(engine.Events(1));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.New, 100L, 10_000L, 1), (o.Status, o.OrderQty, o.Price, o.ChainLength));
        Assert.False(engine.TryGetOrder(Msg.Id("R1"), out _));
    }

    // Validation.

    public static TheoryData<string, RejectReason> DenialCases() => new()
    {
        { "side-none", RejectReason.InvalidSide },
        { "side-undefined", RejectReason.InvalidSide },
        { "qty-zero", RejectReason.InvalidQuantity },
        { "qty-negative", RejectReason.InvalidQuantity },
        { "limit-no-price", RejectReason.InvalidPrice },
        { "limit-negative-price", RejectReason.InvalidPrice },
        { "market-with-price", RejectReason.InvalidPrice },
        { "stop-no-stop-price", RejectReason.InvalidStopPrice },
        { "stop-limit-no-stop-price", RejectReason.InvalidStopPrice },
        { "type-none", RejectReason.InvalidOrderType },
        { "gtd-no-expire", RejectReason.MissingExpireTime },
        { "tif-undefined", RejectReason.InvalidTimeInForce },
        { "account-zero", RejectReason.InvalidAccount },
        { "account-too-large", RejectReason.InvalidAccount },
        { "instrument-zero", RejectReason.InvalidInstrument },
        { "instrument-too-large", RejectReason.InvalidInstrument },
        { "venue-zero", RejectReason.InvalidVenue },
        { "venue-too-large", RejectReason.InvalidVenue },
    };

    private static OmsMessage DenialMessage(string scenario) => scenario switch
    {
        "side-none" => Msg.New("X", side: Side.None),
        "side-undefined" => Msg.New("X", side: (Side)'7'),
        "qty-zero" => Msg.New("X", qty: 0),
        "qty-negative" => Msg.New("X", qty: -5),
        "limit-no-price" => Msg.New("X", price: 0),
        "limit-negative-price" => Msg.New("X", price: -1),
        "market-with-price" => Msg.New("X", type: OrderType.Market, price: 10_000),
        "stop-no-stop-price" => Msg.New("X", type: OrderType.Stop, price: 0, stopPx: 0),
        "stop-limit-no-stop-price" => Msg.New("X", type: OrderType.StopLimit, price: 10_000, stopPx: 0),
        "type-none" => Msg.New("X", type: OrderType.None, price: 0),
        "gtd-no-expire" => Msg.New("X", tif: TimeInForce.GoodTillDate, expire: 0),
        "tif-undefined" => Msg.New("X", tif: (TimeInForce)'9'),
        "account-zero" => Msg.New("X", account: 0),
        "account-too-large" => Msg.New("X", account: 17),        // MaxAccounts = 16
        "instrument-zero" => Msg.New("X", instrument: 0),
        "instrument-too-large" => Msg.New("X", instrument: 65),  // MaxInstruments = 64
        "venue-zero" => Msg.New("X", venue: 0),
        "venue-too-large" => Msg.New("X", venue: 5),            // MaxVenues = 4
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    [Theory]
    [MemberData(nameof(DenialCases))]
    public void NewOrder_InvalidField_DeniedWithReasonAndNothingSent(string scenario, RejectReason reason)
    {
        var engine = TestEngines.Create();

        engine.Apply(DenialMessage(scenario));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Denied, reason, OrderStatus.Denied), (e.Kind, e.Reason, e.Status));
        Assert.Equal(Msg.Id("X"), e.ClOrdId);
        OrderView o = engine.Order("X");
        Assert.Equal((OrderStatus.Denied, 0L), (o.Status, o.LeavesQty));
        Assert.Equal(e.OrderId, o.OrderId);
        Assert.Equal((1L, 0L, 1L), (engine.Counters.Denied, engine.Counters.Submitted, engine.Counters.ByReason(reason)));
        for (int v = 1; v <= 4; v++)
        {
            Assert.Empty(engine.Outbound(v));
        }

        Assert.Empty(engine.DrainAnomalies());
        // A denied order can be neither canceled nor reused.
        engine.ApplyRefusedCommand(Msg.Cancel("C1", "X"), RejectReason.OrderNotLive);
    }

    [Theory]
    [InlineData(OrderType.Market, 0L, 0L, TimeInForce.ImmediateOrCancel, 0L)]
    [InlineData(OrderType.Stop, 0L, 9_500L, TimeInForce.Day, 0L)]
    [InlineData(OrderType.StopLimit, 9_400L, 9_500L, TimeInForce.GoodTillCancel, 0L)]
    [InlineData(OrderType.Limit, 10_000L, 0L, TimeInForce.GoodTillDate, 1_700_000_000_000_000_000L)]
    [InlineData(OrderType.Limit, 10_000L, 0L, TimeInForce.FillOrKill, 0L)]
    public void NewOrder_ValidTypeAndTimeInForce_Submitted(OrderType type, long price, long stopPx, TimeInForce tif, long expire)
    {
        var engine = TestEngines.Create();

        engine.Apply(Msg.New("X", type: type, price: price, stopPx: stopPx, tif: tif, expire: expire));

        Assert.Equal(EventKind.Submitted, Assert.Single(engine.Events(1)).Kind);
        VenueCommand c = Assert.Single(engine.Outbound(1));
        Assert.Equal((type, tif, price, stopPx, expire), (c.OrderType, c.TimeInForce, c.Price, c.StopPx, c.ExpireTime));
    }

    [Fact]
    public void NewOrder_MissingClOrdId_DeniedWithoutRow()
    {
        var engine = TestEngines.Create();

        engine.Apply(Msg.New(""));

        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Denied, RejectReason.MissingClOrdId, OrderStatus.Denied), (e.Kind, e.Reason, e.Status));
        Assert.Equal(default, e.OrderId);
        Assert.Empty(engine.SnapshotOrders());
        Assert.Empty(engine.Outbound(1));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.MissingClOrdId));
    }

    [Theory]
    [InlineData(OmsEngine.EngineMintedStrategy)] // the engine's own mass-cancel requests
    [InlineData(2)]                              // another strategy's
    public void Commands_WithAClOrdIdMintedForAnother_RefusedAndMassCancelStillReachesEveryOrder(int mintedFor)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("B");
        engine.DrainAll();
        IdToken foreign = IdToken.ForStrategy(mintedFor, 1);
        OmsMessage newOrder = Msg.New("ignored");
        newOrder.ClOrdId = foreign;
        OmsMessage cancel = Msg.Cancel("ignored", "B");
        cancel.ClOrdId = foreign;
        OmsMessage replace = Msg.Replace("ignored", "B", 50, 10_000);
        replace.ClOrdId = foreign;

        engine.Apply(newOrder);
        engine.Apply(cancel);
        engine.Apply(replace);

        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(RejectReason.ForeignClOrdId, e.Reason));
        Assert.False(engine.TryGetOrder(foreign, out _));
        Assert.Equal(3, engine.Counters.ByReason(RejectReason.ForeignClOrdId));

        // Nothing holds an id the engine will mint, so its mass cancel reaches every live order.
        engine.Apply(Msg.MassCancel(1));
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("B").Status);
        Assert.Equal(0, engine.Counters.ByReason(RejectReason.IdCapacity));
    }

    [Fact]
    public void NewOrder_DuplicateClOrdId_DeniedAndExistingOrderUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", 150, 10_100));
        engine.DrainAll();
        ulong before = engine.ComputeStateHash();

        // Both the original ClOrdID and a later one of the chain count as taken.
        engine.Apply(Msg.New("A", qty: 7));
        engine.Apply(Msg.New("R1", qty: 7));

        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((EventKind.Denied, RejectReason.DuplicateClOrdId), (e.Kind, e.Reason)));
        Assert.Equal(before, engine.ComputeStateHash());
        Assert.Single(engine.SnapshotOrders());
        Assert.Empty(engine.Outbound(1));
        Assert.Equal(2, engine.Counters.ByReason(RejectReason.DuplicateClOrdId));
    }

    [Fact]
    public void NewOrder_InvalidStrategy_AnomalyAndNoRow()
    {
        var engine = TestEngines.Create();

        engine.ApplyFlagged(Msg.New("X", strategy: 9), RejectReason.InvalidStrategy);   // MaxStrategies = 8

        Assert.Empty(engine.SnapshotOrders());
        Assert.Equal(1, engine.Counters.Denied);
    }
}
