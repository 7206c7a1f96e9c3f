using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>
/// DESIGN rule 7, one case per test: real-world disorder is normal. Duplicates are applied once and counted,
/// fills are applied whenever they arrive, overfills are flagged, unknown orders are reported, and every
/// refused report leaves state untouched with an anomaly that says why. Plus rule 9: positions.
/// </summary>
/// <remarks>Prices are raw at scale 3 (10_000 = 10.000), quantities at scale 0; notional raw = price × qty.</remarks>
public sealed class DisorderTests
{
    // Duplicates.

    [Fact]
    public void DuplicateExecId_Fill_AppliedOnceCountedAndStateUnchanged()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();
        PositionView positionBefore = engine.Position(PositionOwner.Account, 1);

        OmsEvent anomaly = engine.ApplyFlagged(Msg.Fill("A", "f1", 40, 10_000), RejectReason.DuplicateExecId);

        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        Assert.Equal(1, engine.Counters.Duplicates);
        Assert.Equal(1, engine.Counters.Fills);
        Assert.Equal((40L, OrderStatus.PartiallyFilled), (engine.Order("A").CumQty, engine.Order("A").Status));
        Assert.Equal(positionBefore, engine.Position(PositionOwner.Account, 1));
        Assert.Equal(40, engine.Position(PositionOwner.Strategy, 1).NetQty);
        Assert.Empty(engine.Events(1)); // nothing changed, so the strategy hears nothing
    }

    [Fact]
    public void DuplicateExecId_NonFillReport_CountedNotReapplied()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Report(ExecType.Canceled, "A", "c1"));
        Assert.Equal(OrderStatus.Canceled, engine.Order("A").Status);
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.Canceled, "A", "c1"), RejectReason.DuplicateExecId);

        Assert.Equal(1, engine.Counters.Canceled);
        Assert.Equal(0, engine.Counters.Confirmations);
    }

    [Fact]
    public void DuplicateExecId_SameExecIdOnAnotherOrder_CountedAsDuplicate()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Fill("B", "f1", 40, 10_000), RejectReason.DuplicateExecId);

        Assert.Equal(0, engine.Order("B").CumQty);
    }

    [Fact]
    public void DuplicateExecId_OfAFillTheFullStoreCouldNotRecord_StillCaught()
    {
        var options = TestEngines.SmallOptions();
        options.MaxFills = 1;
        var engine = TestEngines.Create(options);
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 10, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 20, 10_000)); // applied, but the store has no room to record it
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.FillCapacity));
        engine.DrainAll();
        PositionView positionBefore = engine.Position(PositionOwner.Strategy, 1);

        engine.ApplyFlagged(Msg.Fill("A", "f2", 20, 10_000), RejectReason.DuplicateExecId);

        Assert.Equal(30, engine.Order("A").CumQty);
        Assert.Equal(2, engine.Counters.Fills);
        Assert.Equal(positionBefore, engine.Position(PositionOwner.Strategy, 1));
        // Remembered, not recorded: no bust can name it.
        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b2", execRefId: "f2"), RejectReason.UnknownExecRef);
    }

    [Fact]
    public void SameExecId_FromTwoVenues_BothApplied()
    {
        // An ExecID is the sell side's (FIX tag 17): two venues may well both send "f1".
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B", venue: 2);
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Fill("B", "f1", 30, 10_000, venue: 2));

        OmsEvent fill = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, 30L), (fill.Kind, fill.CumQty));
        Assert.Equal((40L, 30L), (engine.Order("A").CumQty, engine.Order("B").CumQty));
        Assert.Equal((0, 2), (engine.Counters.Duplicates, engine.Counters.Fills));
        Assert.Equal(70, engine.Position(PositionOwner.Account, 1).NetQty);

        // Each venue's redelivery is still a duplicate, and each venue's bust finds its own fill.
        engine.ApplyFlagged(Msg.Fill("B", "f1", 30, 10_000, venue: 2), RejectReason.DuplicateExecId);
        engine.ApplyFlagged(Msg.Fill("A", "f1", 40, 10_000), RejectReason.DuplicateExecId);
        engine.Apply(Msg.Report(ExecType.TradeCancel, "B", "bust-1", execRefId: "f1", venue: 2));
        Assert.Equal((40L, 0L), (engine.Order("A").CumQty, engine.Order("B").CumQty));
        Assert.Equal(40, engine.Position(PositionOwner.Account, 1).NetQty);
    }

    [Fact]
    public void SameOrderId_FromTwoVenues_EachVenuesReportFindsItsOwnOrder()
    {
        // The OrderID (FIX tag 37) is the sell side's too: both venues may call their order "7".
        var engine = TestEngines.Create();
        engine.ApplyAll(
            Msg.New("A"),
            Msg.New("B", venue: 2),
            Msg.Report(ExecType.New, "A", "a1", venueOrderId: "7"),
            Msg.Report(ExecType.New, "B", "a1", venueOrderId: "7", venue: 2));
        engine.DrainAll();
        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("7"), out OrderView byVenue1) && byVenue1.ClOrdId == Msg.Id("A"));
        Assert.True(engine.TryGetOrderByVenueId(2, Msg.Id("7"), out OrderView byVenue2) && byVenue2.ClOrdId == Msg.Id("B"));
        Assert.False(engine.TryGetOrderByVenueId(3, Msg.Id("7"), out _));

        // Venue 2 cancels its order unsolicited, naming only its OrderID; then venue 1 fills its own the same way.
        OmsMessage cancel = Msg.Report(ExecType.Canceled, "", "c1", venueOrderId: "7", venue: 2);
        OmsMessage fill = Msg.Report(ExecType.Trade, "", "f1", venueOrderId: "7", lastQty: 40, lastPx: 10_000);
        engine.ApplyAll(cancel, fill);

        Assert.Equal((OrderStatus.Canceled, 0L), (engine.Order("B").Status, engine.Order("B").CumQty));
        Assert.Equal((OrderStatus.PartiallyFilled, 40L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(0, engine.Counters.Anomalies);
    }

    [Fact]
    public void OrderId_GivenAgainAfterItsOrderIsDone_NamesTheNewOrder_ButNotWhileTheFirstIsLive()
    {
        // Venues that number their orders per day give yesterday's OrderIDs again; a restored engine remembers them.
        var engine = TestEngines.Create();
        engine.ApplyAll(
            Msg.New("A"),
            Msg.Report(ExecType.New, "A", "a1", venueOrderId: "7"),
            Msg.Report(ExecType.Canceled, "A", "c1"),
            Msg.New("B"),
            Msg.Report(ExecType.New, "B", "a2", venueOrderId: "7"));
        engine.DrainAll();
        Assert.Equal(0, engine.Counters.Anomalies);

        // Giving it to C while B is live is the venue's fault: applied, flagged on C's stream.
        engine.ApplyAll(Msg.New("C"), Msg.Report(ExecType.New, "C", "a3", venueOrderId: "7"));
        OmsEvent flagged = Assert.Single(engine.DrainAnomalies());
        Assert.Equal((RejectReason.VenueOrderIdInUse, engine.Order("C").OrderId), (flagged.Reason, flagged.OrderId));
        Assert.Equal(OrderStatus.New, engine.Order("C").Status);
        engine.DrainAll();

        // A fill naming only the OrderID is B's: A is done, and C cannot take the id from B, which is live.
        engine.Apply(Msg.Report(ExecType.Trade, "", "f1", venueOrderId: "7", lastQty: 40, lastPx: 10_000));

        Assert.Equal((0L, 40L, 0L), (engine.Order("A").CumQty, engine.Order("B").CumQty, engine.Order("C").CumQty));
        Assert.True(engine.TryGetOrderByVenueId(1, Msg.Id("7"), out OrderView holder) && holder.ClOrdId == Msg.Id("B"));
        Assert.Equal(1, engine.Counters.Anomalies);
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.VenueOrderIdInUse));
    }

    [Fact]
    public void Report_FromAVenueTheOrderWasNotSentTo_RefusedAndNothingChanges()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A"); // venue 1

        OmsEvent anomaly = engine.ApplyFlagged(Msg.Fill("A", "f1", 40, 10_000, venue: 2), RejectReason.VenueMismatch);

        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        Assert.Equal(0, engine.Counters.Fills);
        // Nothing of the refused report was remembered: venue 1's own fill with that ExecID is applied.
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        Assert.Equal(40, engine.Order("A").CumQty);

        // A cancel reject is a report too.
        engine.Apply(Msg.Cancel("A-C", "A"));
        engine.DrainAll();
        engine.ApplyFlagged(Msg.CancelReject("A-C", "A", CxlRejResponseTo.CancelRequest, venue: 2), RejectReason.VenueMismatch);
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("A").Status);
    }

    [Fact]
    public void Report_NamingAnotherInstrument_RefusedAndNothingChanges()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", instrument: 3);

        // Read at instrument 4's scales, its price and quantity mean nothing for an order on 3.
        OmsMessage fill = Msg.Fill("A", "f1", 40, 10_000);
        fill.InstrumentId = 4;
        OmsEvent anomaly = engine.ApplyFlagged(fill, RejectReason.InstrumentMismatch);

        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        Assert.Equal((0L, 0L), (engine.Order("A").CumQty, engine.Counters.Fills));
        // Nothing of it was remembered: the same fill naming the order's instrument, or none, is applied.
        fill.InstrumentId = 3;
        engine.Apply(fill);
        engine.Apply(Msg.Fill("A", "f2", 10, 10_000));
        Assert.Equal(50, engine.Order("A").CumQty);
    }

    [Fact]
    public void Fill_ContradictingTheOrdersSide_RefusedAndNothingChanges()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", side: Side.Buy);

        // A sell fill for a buy order is about some other order: booked, it would move the position the wrong way.
        OmsMessage fill = Msg.Fill("A", "f1", 40, 10_000);
        fill.Side = Side.Sell;
        OmsEvent anomaly = engine.ApplyFlagged(fill, RejectReason.SideMismatch);

        Assert.Equal(engine.Order("A").OrderId, anomaly.OrderId);
        Assert.Equal((0L, 0L), (engine.Order("A").CumQty, engine.Counters.Fills));
        Assert.Equal(0, engine.Position(PositionOwner.Strategy, 1).NetQty);
        // Nothing of it was remembered: the same fill repeating the order's side, or naming none, is applied.
        fill.Side = Side.Buy;
        engine.Apply(fill);
        engine.Apply(Msg.Fill("A", "f2", 10, 10_000));
        Assert.Equal(50, engine.Order("A").CumQty);
        Assert.Equal(50, engine.Position(PositionOwner.Strategy, 1).NetQty);
    }

    [Fact]
    public void Report_OfAShortSale_NamingAPlainSell_Applied_ButABuyRefused()
    {
        // A venue may report a short sale as a plain sell: the same trade for the position. A buy is not.
        var engine = TestEngines.Create();
        engine.NewAcked("A", side: Side.SellShort);

        OmsMessage fill = Msg.Fill("A", "f1", 40, 10_000);
        fill.Side = Side.Buy;
        engine.ApplyFlagged(fill, RejectReason.SideMismatch);
        fill.Side = Side.Sell;
        engine.Apply(fill);
        Assert.Equal(40, engine.Order("A").CumQty);
        Assert.Equal(-40, engine.Position(PositionOwner.Strategy, 1).NetQty);
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.SideMismatch));
    }

    [Fact]
    public void Restatement_NamingAnotherInstrument_RefusedAndNothingChanges()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A", instrument: 3);
        engine.DrainAll();

        OmsMessage restated = Msg.Report(ExecType.Restated, "A", "r1", qty: 1_000, price: 20_000, ordStatus: OrderStatus.New);
        restated.InstrumentId = 2;
        engine.ApplyFlagged(restated, RejectReason.InstrumentMismatch);

        Assert.Equal(100, engine.Order("A").OrderQty);
    }

    [Theory]
    [InlineData(0)]     // the gateway did not say where the report came from
    [InlineData(-1)]
    [InlineData(5)]     // past MaxVenues (4)
    public void Report_NamingNoValidVenue_RefusedAsInvalidVenue(int venue)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("A-C", "A"));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Fill("A", "f1", 40, 10_000, venue: venue), RejectReason.InvalidVenue);
        engine.ApplyFlagged(Msg.Report(ExecType.Canceled, "", "c1", venueOrderId: "V-A", venue: venue), RejectReason.InvalidVenue);
        engine.ApplyFlagged(Msg.CancelReject("A-C", "A", CxlRejResponseTo.CancelRequest, venue: venue), RejectReason.InvalidVenue);

        Assert.Equal((OrderStatus.PendingCancel, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
    }

    // Fills out of order.

    [Fact]
    public void Fill_BeforeAcknowledgement_AppliedThenLateAckIsConfirm()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));

        OmsEvent fill = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, OrderStatus.PartiallyFilled, 40L, 60L), (fill.Kind, fill.Status, fill.CumQty, fill.LeavesQty));
        Assert.Equal(40, engine.Position(PositionOwner.Account, 1).NetQty);

        engine.ApplyConfirm(Msg.Report(ExecType.New, "A", "e1"));
        Assert.Equal(OrderStatus.PartiallyFilled, engine.Order("A").Status);

        // The venue's stale PendingNew echo after that is flagged, not applied.
        engine.ApplyFlagged(Msg.Report(ExecType.PendingNew, "A", "e0"), RejectReason.StaleReport);
    }

    [Fact]
    public void Fill_AfterCancel_AppliedStatusStaysCanceled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Report(ExecType.Canceled, "C1", "c1", origClOrdId: "A"));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));

        OmsEvent fill = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, OrderStatus.Canceled, 30L, 0L), (fill.Kind, fill.Status, fill.CumQty, fill.LeavesQty));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Canceled, 30L, 0L, 10_000L), (o.Status, o.CumQty, o.LeavesQty, o.AvgPx));
        Assert.Equal(30, engine.Position(PositionOwner.Account, 1).NetQty);
        Assert.Equal(30, engine.Position(PositionOwner.Strategy, 1).NetQty);
        Assert.Empty(engine.DrainAnomalies());
    }

    [Fact]
    public void Fill_AfterVenueReject_AppliedAndFlaggedFillAfterReject()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.Report(ExecType.Rejected, "A", "r1"));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));

        Assert.Equal((OrderStatus.Rejected, 30L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(RejectReason.FillAfterReject, Assert.Single(engine.DrainAnomalies()).Reason);
        Assert.Equal(30, engine.Position(PositionOwner.Account, 1).NetQty);
    }

    [Fact]
    public void Fill_DuringPendingCancel_AppliedAndStaysPending()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));

        OmsEvent fill = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, OrderStatus.PendingCancel, 30L, 70L), (fill.Kind, fill.Status, fill.CumQty, fill.LeavesQty));
        Assert.Equal(Msg.Id("C1"), engine.Order("A").PendingClOrdId);

        engine.Apply(Msg.Report(ExecType.Canceled, "C1", "c1", origClOrdId: "A"));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Canceled, 30L, 0L), (o.Status, o.CumQty, o.LeavesQty));
    }

    [Fact]
    public void Fill_DuringPendingCancelCompletesOrder_FilledThenLateCanceledIsStale()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f2", 70, 10_000));

        Assert.Equal((OrderStatus.Filled, 100L, 0L), (engine.Order("A").Status, engine.Order("A").CumQty, engine.Order("A").LeavesQty));
        engine.DrainAll();
        engine.ApplyFlagged(Msg.Report(ExecType.Canceled, "C1", "c1", origClOrdId: "A"), RejectReason.StaleReport);
        Assert.Equal(1, engine.Counters.Stale);
    }

    [Fact]
    public void Fill_DuringPendingCancelBeforeAck_CancelRejectRestoresPartiallyFilled()
    {
        // A fill proves the venue holds the order: a rejected cancel restores what the fills imply
        // (PartiallyFilled, as a fill on PendingNew does), not PendingNew with a CumQty.
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        Assert.Equal(OrderStatus.PendingCancel, engine.Order("A").Status);

        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 30L, 70L), (o.Status, o.CumQty, o.LeavesQty));
        engine.DrainAll();
        engine.ApplyConfirm(Msg.Report(ExecType.New, "A", "e1"));
        // The fill is bustable like any other fill of a working order.
        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));
        Assert.Equal((OrderStatus.New, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
    }

    [Fact]
    public void Fill_DuringPendingReplace_AppliedStaysPendingThenReplaceKeepsFills()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));

        OmsEvent fill = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Filled, OrderStatus.PendingReplace, 30L, 70L), (fill.Kind, fill.Status, fill.CumQty, fill.LeavesQty));
        Assert.Equal(Msg.Id("R1"), engine.Order("A").PendingClOrdId);

        engine.Apply(Msg.Report(ExecType.Replaced, "R1", "e1", origClOrdId: "A"));
        OrderView o = engine.Order("R1");
        Assert.Equal((OrderStatus.PartiallyFilled, 150L, 30L, 120L), (o.Status, o.OrderQty, o.CumQty, o.LeavesQty));
    }

    [Fact]
    public void Fill_DuringPendingReplaceCompletesOrder_FilledThenLargerReplaceReopens()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));

        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        Assert.Equal((OrderStatus.Filled, 0L), (engine.Order("A").Status, engine.Order("A").LeavesQty));
        Assert.Equal(Msg.Id("R1"), engine.Order("A").PendingClOrdId);

        engine.Apply(Msg.Report(ExecType.Replaced, "R1", "e1", origClOrdId: "A"));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 150L, 100L, 50L, Msg.Id("R1")), (o.Status, o.OrderQty, o.CumQty, o.LeavesQty, o.ClOrdId));
        Assert.True(o.PendingClOrdId.IsNone);
        Assert.False(o.Overfilled);
    }

    [Fact]
    public void Fill_DuringPendingReplaceCompletesOrder_ReplaceRejectKeepsFilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));

        engine.Apply(Msg.CancelReject("R1", "A", CxlRejResponseTo.ReplaceRequest));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 100L, Msg.Id("A")), (o.Status, o.OrderQty, o.ClOrdId));
        Assert.True(o.PendingClOrdId.IsNone);
    }

    // Overfill.

    [Fact]
    public void Fill_BeyondOrderQty_AppliedAndFlaggedOverfill()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Fill("A", "f2", 20, 10_000));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 120L, 0L), (o.Status, o.CumQty, o.LeavesQty));
        Assert.True(o.Overfilled);
        OmsEvent anomaly = Assert.Single(engine.DrainAnomalies());
        Assert.Equal((RejectReason.Overfill, 120L), (anomaly.Reason, anomaly.CumQty));
        Assert.Equal(1, engine.Counters.ByReason(RejectReason.Overfill));
        List<OmsEvent> events = engine.Events(1);
        Assert.Equal(new[] { EventKind.Filled, EventKind.Anomaly }, events.Select(e => e.Kind));
        Assert.Equal(120, engine.Position(PositionOwner.Account, 1).NetQty);
        Assert.Equal(120, engine.Position(PositionOwner.Strategy, 1).NetQty);
        Assert.Equal(2, engine.Counters.Fills);
    }

    [Fact]
    public void Bust_OfTheOverfill_ClearsOverfilledFlag()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 20, 10_000));

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f2"));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.Filled, 100L), (o.Status, o.CumQty));
        Assert.False(o.Overfilled);
        Assert.Equal(100, engine.Position(PositionOwner.Account, 1).NetQty);
    }

    // Busts and corrections.

    [Fact]
    public void Bust_FilledOrder_ReducesCumQtyRecomputesAvgPxAndPositionBackToPartiallyFilled()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 60, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 40, 10_500));
        // AvgPx = (600_000 + 420_000) / 100 = 10_200.
        Assert.Equal((OrderStatus.Filled, 10_200L), (engine.Order("A").Status, engine.Order("A").AvgPx));
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f2"));

        OmsEvent busted = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.TradeBusted, OrderStatus.PartiallyFilled), (busted.Kind, busted.Status));
        Assert.Equal((-40L, 10_500L, 60L, 40L, 10_000L), (busted.LastQty, busted.LastPx, busted.CumQty, busted.LeavesQty, busted.AvgPx));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 60L, 40L, 10_000L), (o.Status, o.CumQty, o.LeavesQty, o.AvgPx));
        Assert.Equal((Int128)600_000, o.Notional);
        Assert.Equal(1, engine.Counters.Busts);
        foreach (PositionOwner owner in new[] { PositionOwner.Account, PositionOwner.Strategy })
        {
            PositionView p = engine.Position(owner, 1);
            Assert.Equal(60, p.NetQty);
            // However the reversal is booked, basis − realized equals the surviving fills' signed notional.
            Assert.Equal((Int128)600_000, p.Cost - p.RealizedPnl);
        }

        Assert.Empty(engine.DrainAnomalies());
    }

    [Fact]
    public void Bust_AfterFillCompletedOrderDuringPendingReplace_BackToPendingReplaceOneRequestInFlight()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Replace("R1", "A", qty: 150, price: 10_100));
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("A").Status);
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));

        // The replace is still in flight at the venue: the order is pending again, not free for a second request.
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PendingReplace, 0L, Msg.Id("R1")), (o.Status, o.CumQty, o.PendingClOrdId));
        engine.DrainAll();
        engine.ApplyRefusedCommand(Msg.Replace("R2", "A", qty: 120, price: 10_200), RejectReason.RequestInFlight);

        engine.Apply(Msg.Report(ExecType.Replaced, "R1", "e1", origClOrdId: "A"));
        o = engine.Order("A");
        Assert.Equal((Msg.Id("R1"), 150L, 10_100L, OrderStatus.New), (o.ClOrdId, o.OrderQty, o.Price, o.Status));
    }

    [Fact]
    public void Bust_AfterFillCompletedOrderDuringPendingCancel_BackToPendingCancel()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Cancel("C1", "A"));
        engine.Apply(Msg.Fill("A", "f1", 60, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 40, 10_000));
        Assert.Equal(OrderStatus.Filled, engine.Order("A").Status);

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f2"));

        Assert.Equal((OrderStatus.PendingCancel, 60L, 40L), (engine.Order("A").Status, engine.Order("A").CumQty, engine.Order("A").LeavesQty));
        engine.DrainAll();
        engine.ApplyRefusedCommand(Msg.Cancel("C2", "A"), RejectReason.RequestInFlight);
        engine.Apply(Msg.CancelReject("C1", "A", CxlRejResponseTo.CancelRequest));
        Assert.Equal(OrderStatus.PartiallyFilled, engine.Order("A").Status);
    }

    [Fact]
    public void Bust_OnlyFill_PositionFlatAndOrderNew()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000, fee: 25));

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));

        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.New, 0L, 100L, 0L), (o.Status, o.CumQty, o.LeavesQty, o.AvgPx));
        PositionView p = engine.Position(PositionOwner.Account, 1);
        Assert.Equal((0L, 0L), (p.NetQty, p.AvgCost));
        Assert.Equal(((Int128)0, (Int128)0, (Int128)0), (p.Cost, p.RealizedPnl, p.Fees));
    }

    [Fact]
    public void Bust_CanceledOrder_StaysCanceledWithFewerFills()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 30, 10_000));
        engine.Apply(Msg.Report(ExecType.Canceled, "A", "c1"));

        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));

        Assert.Equal((OrderStatus.Canceled, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(0, engine.Position(PositionOwner.Account, 1).NetQty);
    }

    [Fact]
    public void Correct_Fill_ReplacesQtyAndPrice()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();
        long fills = engine.Counters.Fills;

        engine.Apply(Msg.Report(ExecType.TradeCorrect, "A", "k1", execRefId: "f1", lastQty: 80, lastPx: 10_100));

        OmsEvent corrected = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.TradeCorrected, OrderStatus.PartiallyFilled), (corrected.Kind, corrected.Status));
        Assert.Equal((80L, 20L, 10_100L), (corrected.CumQty, corrected.LeavesQty, corrected.AvgPx));
        OrderView o = engine.Order("A");
        Assert.Equal((OrderStatus.PartiallyFilled, 80L, 10_100L), (o.Status, o.CumQty, o.AvgPx));
        Assert.Equal((Int128)808_000, o.Notional);
        Assert.Equal(1, engine.Counters.Corrections);
        Assert.Equal(fills + 1, engine.Counters.Fills); // "Fills applied (corrections included)"
        PositionView p = engine.Position(PositionOwner.Strategy, 1);
        Assert.Equal(80, p.NetQty);
        Assert.Equal((Int128)808_000, p.Cost - p.RealizedPnl);

        // The corrected fill is no longer active; the correction is, under its own ExecID.
        engine.DrainAll();
        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"), RejectReason.ExecRefNotActive);
        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b2", execRefId: "k1"));
        Assert.Equal((OrderStatus.New, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(0, engine.Position(PositionOwner.Strategy, 1).NetQty);
    }

    [Fact]
    public void Correct_UpToMoreThanOrderQty_AppliedAndFlaggedOverfill()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();

        engine.Apply(Msg.Report(ExecType.TradeCorrect, "A", "k1", execRefId: "f1", lastQty: 110, lastPx: 10_000));

        Assert.Equal((110L, true), (engine.Order("A").CumQty, engine.Order("A").Overfilled));
        Assert.Equal(RejectReason.Overfill, Assert.Single(engine.DrainAnomalies()).Reason);
    }

    [Fact]
    public void Correct_ZeroQty_MalformedReportAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCorrect, "A", "k1", execRefId: "f1", lastQty: 0, lastPx: 10_000),
            RejectReason.MalformedReport);
    }

    [Fact]
    public void Bust_UnknownExecRef_AnomalyAndNoChange()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "nope"), RejectReason.UnknownExecRef);

        Assert.Equal((OrderStatus.Filled, 100L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(0, engine.Counters.Busts);
    }

    [Theory]
    [InlineData("ack-A")]    // an ExecID the engine saw, but not a fill
    [InlineData("fB")]       // a fill of another order
    [InlineData(null)]       // no ExecRefID at all
    public void Bust_ExecRefNotAFillOfThisOrder_UnknownExecRef(string? execRefId)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B");
        engine.Apply(Msg.Fill("A", "fA", 50, 10_000));
        engine.Apply(Msg.Fill("B", "fB", 50, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: execRefId), RejectReason.UnknownExecRef);
    }

    [Fact]
    public void Bust_Twice_SecondIsExecRefNotActive()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 60, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 40, 10_000));
        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));
        Assert.Equal((OrderStatus.PartiallyFilled, 40L), (engine.Order("A").Status, engine.Order("A").CumQty));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b2", execRefId: "f1"), RejectReason.ExecRefNotActive);

        Assert.Equal((OrderStatus.PartiallyFilled, 40L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(1, engine.Counters.Busts);

        // The same bust redelivered under its own ExecID is a duplicate instead.
        engine.DrainAll();
        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"), RejectReason.DuplicateExecId);
    }

    [Fact]
    public void Bust_Twice_OnlyFillBusted_OrderBackToNew_SecondIsExecRefNotActive()
    {
        // Once every fill is busted the order is New; (New, TradeCancel) is a row, so the second bust
        // reaches the fill check and is refused for what it is.
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 100, 10_000));
        engine.Apply(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b2", execRefId: "f1"), RejectReason.ExecRefNotActive);

        Assert.Equal((OrderStatus.New, 0L), (engine.Order("A").Status, engine.Order("A").CumQty));
        Assert.Equal(1, engine.Counters.Busts);
    }

    [Fact]
    public void Bust_NewOrderWithoutFills_UnknownExecRef()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"), RejectReason.UnknownExecRef);
    }

    [Fact]
    public void Bust_PendingNewOrder_InvalidTransition()
    {
        var engine = TestEngines.Create();
        engine.Apply(Msg.New("A"));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCancel, "A", "b1", execRefId: "f1"), RejectReason.InvalidTransition);
    }

    // Unknown, stale and malformed reports.

    [Fact]
    public void Report_UnknownOrder_AnomalyOnOperatorStreamOnly()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        OmsEvent anomaly = engine.ApplyFlagged(Msg.Fill("ghost", "f1", 10, 10_000), RejectReason.UnknownOrderReport);

        Assert.Equal(Msg.Id("ghost"), anomaly.ClOrdId);
        Assert.Equal(Msg.Id("f1"), anomaly.ExecId);
        Assert.Equal(default, anomaly.OrderId);
        Assert.Empty(engine.Events(1));
        Assert.Equal(0, engine.Order("A").CumQty);
        Assert.Equal(0, engine.Counters.Fills);
    }

    [Fact]
    public void CancelReject_UnknownOrder_AnomalyOnOperatorStream()
    {
        var engine = TestEngines.Create();

        engine.ApplyFlagged(Msg.CancelReject("ghost", "ghost0", CxlRejResponseTo.CancelRequest), RejectReason.UnknownOrderReport);
    }

    [Fact]
    public void Report_UnknownClOrdIdButKnownVenueOrderId_AppliedToThatOrder()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.Apply(Msg.Report(ExecType.Trade, "other-session-id", "f1", venueOrderId: "V-A", lastQty: 10, lastPx: 10_000));

        Assert.Equal(10, engine.Order("A").CumQty);
    }

    [Fact]
    public void PendingNew_AfterNew_StaleReportAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.ApplyFlagged(Msg.Report(ExecType.PendingNew, "A", "p1"), RejectReason.StaleReport);

        Assert.Equal(1, engine.Counters.Stale);
        Assert.Equal(OrderStatus.New, engine.Order("A").Status);
        OmsEvent e = Assert.Single(engine.Events(1));
        Assert.Equal((EventKind.Anomaly, RejectReason.StaleReport), (e.Kind, e.Reason));
    }

    [Fact]
    public void Fill_WithoutExecId_MalformedReport()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.ApplyFlagged(Msg.Fill("A", "", 10, 10_000), RejectReason.MalformedReport);

        Assert.Equal(0, engine.Order("A").CumQty);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10L)]
    public void Fill_NonPositiveLastQty_MalformedReport(long lastQty)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");

        engine.ApplyFlagged(Msg.Fill("A", "f1", lastQty, 10_000), RejectReason.MalformedReport);

        // Refused, so not remembered: a corrected redelivery under the same ExecID still applies.
        engine.Apply(Msg.Fill("A", "f1", 10, 10_000));
        Assert.Equal(10, engine.Order("A").CumQty);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-10_000L)]
    public void Fill_NonPositiveLastPx_MalformedReportAndUntouched(long lastPx)
    {
        // A venue's fill whose LastPx was lost (read as 0) or garbled: booking it would realize PnL that never was.
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Fill("A", "f2", 10, lastPx), RejectReason.MalformedReport);

        Assert.Equal((40L, OrderStatus.PartiallyFilled), (engine.Order("A").CumQty, engine.Order("A").Status));
        PositionView p = engine.Position(PositionOwner.Strategy, 1);
        Assert.Equal((40L, 10_000L, Int128.Zero), (p.NetQty, p.AvgCost, p.RealizedPnl));
        // Refused, so not remembered: the venue's corrected redelivery under the same ExecID applies.
        engine.Apply(Msg.Fill("A", "f2", 10, 10_100));
        Assert.Equal(50, engine.Order("A").CumQty);
        Assert.Null(engine.ValidateInvariants());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Correct_NonPositiveLastPx_MalformedReportAndUntouched(long lastPx)
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCorrect, "A", "k1", execRefId: "f1", lastQty: 40, lastPx: lastPx),
            RejectReason.MalformedReport);

        Assert.Equal(40, engine.Order("A").CumQty);
        Assert.Equal(10_000, engine.Position(PositionOwner.Strategy, 1).AvgCost);
        // The fill is still active: a well-formed correction of it applies.
        engine.Apply(Msg.Report(ExecType.TradeCorrect, "A", "k2", execRefId: "f1", lastQty: 40, lastPx: 9_900));
        Assert.Equal(9_900, engine.Position(PositionOwner.Strategy, 1).AvgCost);
    }

    [Fact]
    public void Fill_LastQtyThatWouldOverflowCumQty_MalformedReportAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Fill("A", "f2", long.MaxValue, 10_000), RejectReason.MalformedReport); // a garbled LastQty

        Assert.Equal(40, engine.Order("A").CumQty);
        Assert.Null(engine.ValidateInvariants());
    }

    [Fact]
    public void Fill_LastQtyThatWouldOverflowItsPosition_MalformedReportAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.NewAcked("B");
        engine.Apply(Msg.Fill("A", "f1", long.MaxValue - 10, 1)); // fits the order (overfilled), and the position
        engine.DrainAll();

        // B's own CumQty has room; the strategy's and the account's bought quantity have not.
        engine.ApplyFlagged(Msg.Fill("B", "f2", 20, 1), RejectReason.MalformedReport);

        Assert.Equal(0, engine.Order("B").CumQty);
        Assert.Equal(long.MaxValue - 10, engine.Position(PositionOwner.Strategy, 1).NetQty);
    }

    [Fact]
    public void Correct_LastQtyThatWouldOverflowCumQty_MalformedReportAndUntouched()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("A");
        engine.Apply(Msg.Fill("A", "f1", 40, 10_000));
        engine.Apply(Msg.Fill("A", "f2", 10, 10_000));
        engine.DrainAll();

        engine.ApplyFlagged(Msg.Report(ExecType.TradeCorrect, "A", "k1", execRefId: "f2", lastQty: long.MaxValue, lastPx: 10_000),
            RejectReason.MalformedReport);

        Assert.Equal(50, engine.Order("A").CumQty);
    }

    // Positions.

    [Fact]
    public void Position_RoundTrip_RealizesPnlAndGoesFlat()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("B1", qty: 100, price: 10_000, side: Side.Buy);
        engine.Apply(Msg.Fill("B1", "f1", 100, 10_000));
        engine.NewAcked("S1", qty: 100, price: 10_500, side: Side.Sell);

        engine.Apply(Msg.Fill("S1", "f2", 100, 10_500));

        OmsEvent e = engine.Events(1).Single(x => x.Kind == EventKind.Filled);
        // Realized = 100 × (10_500 − 10_000) = 50_000 raw (= 50.000).
        Assert.Equal((0L, 0L, (Int128)50_000), (e.PositionNetQty, e.PositionAvgCost, e.PositionRealizedPnl));
        foreach (PositionOwner owner in new[] { PositionOwner.Account, PositionOwner.Strategy })
        {
            PositionView p = engine.Position(owner, 1);
            Assert.Equal((0L, 0L, (Int128)0, (Int128)50_000), (p.NetQty, p.AvgCost, p.Cost, p.RealizedPnl));
            Assert.Equal((100L, 100L), (p.BoughtQty, p.SoldQty));
        }
    }

    [Fact]
    public void Position_FlipThroughZero_RealizesClosedPartAndOpensRestAtTradePrice()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("B1", qty: 100, price: 10_000, side: Side.Buy);
        engine.Apply(Msg.Fill("B1", "f1", 100, 10_000));
        engine.NewAcked("S1", qty: 150, price: 11_000, side: Side.Sell);

        engine.Apply(Msg.Fill("S1", "f2", 150, 11_000));

        foreach (PositionOwner owner in new[] { PositionOwner.Account, PositionOwner.Strategy })
        {
            PositionView p = engine.Position(owner, 1);
            // Closed 100 bought at 10.000 at 11.000: realized 100 × 1_000 = 100_000 raw (= 100.000).
            Assert.Equal((Int128)100_000, p.RealizedPnl);
            // Short 50 opened at 11.000: basis −50 × 11_000 = −550_000, average cost 11_000.
            Assert.Equal((-50L, 11_000L, (Int128)(-550_000)), (p.NetQty, p.AvgCost, p.Cost));
            Assert.Equal((100L, 150L), (p.BoughtQty, p.SoldQty));
        }
    }

    [Fact]
    public void Position_PartialClose_RealizesAgainstAverageCost()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("B1", qty: 200, price: 10_500, side: Side.Buy);
        engine.Apply(Msg.Fill("B1", "f1", 100, 10_000));
        engine.Apply(Msg.Fill("B1", "f2", 100, 11_000));   // long 200 @ 10_500
        engine.NewAcked("S1", qty: 50, price: 12_000, side: Side.Sell);

        engine.Apply(Msg.Fill("S1", "f3", 50, 12_000));

        PositionView p = engine.Position(PositionOwner.Strategy, 1);
        // Removed basis 2_100_000 × 50 / 200 = 525_000; proceeds 600_000; realized 75_000.
        Assert.Equal((150L, 10_500L, (Int128)1_575_000, (Int128)75_000), (p.NetQty, p.AvgCost, p.Cost, p.RealizedPnl));
    }

    [Fact]
    public void Position_Fees_AccumulateAcrossFillsAndOwners()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("B1", qty: 100, side: Side.Buy);
        engine.NewAcked("S1", qty: 100, side: Side.Sell, account: 2);

        engine.ApplyAll(
            Msg.Fill("B1", "f1", 40, 10_000, fee: 120),
            Msg.Fill("B1", "f2", 60, 10_000, fee: 180),
            Msg.Fill("S1", "f3", 100, 10_000, fee: 250));

        Assert.Equal((Int128)300, engine.Position(PositionOwner.Account, 1).Fees);
        Assert.Equal((Int128)250, engine.Position(PositionOwner.Account, 2).Fees);
        PositionView strategy = engine.Position(PositionOwner.Strategy, 1);
        Assert.Equal((Int128)550, strategy.Fees);
        Assert.Equal(0, strategy.NetQty);
        Assert.Equal(100, engine.Position(PositionOwner.Account, 1).NetQty);
        Assert.Equal(-100, engine.Position(PositionOwner.Account, 2).NetQty);
    }

    [Fact]
    public void Position_SeparateInstruments_KeptApart()
    {
        var engine = TestEngines.Create();
        engine.NewAcked("X1", instrument: 1);
        engine.NewAcked("X2", instrument: 2, side: Side.Sell);

        engine.ApplyAll(Msg.Fill("X1", "f1", 10, 10_000), Msg.Fill("X2", "f2", 20, 10_000));

        Assert.Equal(10, engine.Position(PositionOwner.Strategy, 1, instrument: 1).NetQty);
        Assert.Equal(-20, engine.Position(PositionOwner.Strategy, 1, instrument: 2).NetQty);
    }

    [Fact]
    public void SellShort_FillsReducePositionsLikeSells()
    {
        var engine = TestEngines.Create();
        engine.ApplyAll(
            Msg.New("S", Side.SellShort, qty: 100, price: 10_000),
            Msg.New("X", Side.SellShortExempt, qty: 50, price: 10_000, tif: TimeInForce.AtTheClose),
            Msg.Fill("S", "f1", 100, 10_000),
            Msg.Fill("X", "f2", 50, 10_000));
        Assert.Equal(-150, engine.Position(Oms.Tables.PositionOwner.Account, 1).NetQty);
        Assert.Equal(OrderStatus.Filled, engine.Order("X").Status);
    }
}
