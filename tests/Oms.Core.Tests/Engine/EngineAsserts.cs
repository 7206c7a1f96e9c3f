using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

/// <summary>Shared steps and checks of the engine-level lifecycle and disorder tests.</summary>
internal static class EngineAsserts
{
    /// <summary>The order any ClOrdID of its chain names; fails when there is none.</summary>
    public static OrderView Order(this OmsEngine engine, string clOrdId)
    {
        Assert.True(engine.TryGetOrder(Msg.Id(clOrdId), out OrderView order), $"no order for ClOrdID {clOrdId}");
        return order;
    }

    /// <summary>A position row; fails when there is none.</summary>
    public static PositionView Position(this OmsEngine engine, PositionOwner owner, int ownerId, int instrument = 1)
    {
        Assert.True(engine.TryGetPosition(owner, ownerId, instrument, out PositionView position),
            $"no {owner} position for {ownerId}/{instrument}");
        return position;
    }

    /// <summary>Submits a buy limit order and acknowledges it (venue OrderID "V-{clOrdId}"), draining every output.</summary>
    public static void NewAcked(this OmsEngine engine, string clOrdId, long qty = 100, long price = 10_000,
        Side side = Side.Buy, int strategy = 1, int account = 1, int instrument = 1, int venue = 1)
    {
        engine.ApplyAll(
            Msg.New(clOrdId, side, qty, price, strategy, account, instrument, venue),
            Msg.Report(ExecType.New, clOrdId, "ack-" + clOrdId, venueOrderId: "V-" + clOrdId, venue: venue));
        Assert.Equal(OrderStatus.New, engine.Order(clOrdId).Status);
        engine.DrainAll();
    }

    /// <summary>Reads and discards every pending output (strategy streams, venue queues, anomalies).</summary>
    public static void DrainAll(this OmsEngine engine)
    {
        for (int s = 1; s <= engine.Options.MaxStrategies; s++)
        {
            engine.Events(s);
        }

        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            engine.Outbound(v);
        }

        engine.DrainAnomalies();
    }

    /// <summary>
    /// Applies a report that must be refused: state hash unchanged, exactly one anomaly with
    /// <paramref name="reason"/> on the operator's stream, counted once under that reason.
    /// </summary>
    public static OmsEvent ApplyFlagged(this OmsEngine engine, in OmsMessage message, RejectReason reason)
    {
        Assert.Empty(engine.DrainAnomalies());
        ulong before = engine.ComputeStateHash();
        long counted = engine.Counters.ByReason(reason);
        long anomalies = engine.Counters.Anomalies;

        engine.Apply(in message);

        Assert.Equal(before, engine.ComputeStateHash());
        Assert.Equal(counted + 1, engine.Counters.ByReason(reason));
        Assert.Equal(anomalies + 1, engine.Counters.Anomalies);
        OmsEvent anomaly = Assert.Single(engine.DrainAnomalies());
        Assert.Equal(EventKind.Anomaly, anomaly.Kind);
        Assert.Equal(reason, anomaly.Reason);
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            Assert.Empty(engine.Outbound(v));
        }

        return anomaly;
    }

    /// <summary>Applies an echo that must change nothing and say nothing: a confirmation.</summary>
    public static void ApplyConfirm(this OmsEngine engine, in OmsMessage message, int strategy = 1)
    {
        ulong before = engine.ComputeStateHash();
        long confirmations = engine.Counters.Confirmations;

        engine.Apply(in message);

        Assert.Equal(before, engine.ComputeStateHash());
        Assert.Equal(confirmations + 1, engine.Counters.Confirmations);
        Assert.Empty(engine.Events(strategy));
        Assert.Empty(engine.DrainAnomalies());
    }

    /// <summary>
    /// Applies a strategy command that must be refused: state hash unchanged, no venue command, one
    /// RequestRefused event to the sender with <paramref name="reason"/>, counted.
    /// </summary>
    public static OmsEvent ApplyRefusedCommand(this OmsEngine engine, in OmsMessage command, RejectReason reason)
    {
        ulong before = engine.ComputeStateHash();
        long refused = engine.Counters.Refused;
        long counted = engine.Counters.ByReason(reason);

        engine.Apply(in command);

        Assert.Equal(before, engine.ComputeStateHash());
        Assert.Equal(refused + 1, engine.Counters.Refused);
        Assert.Equal(counted + 1, engine.Counters.ByReason(reason));
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            Assert.Empty(engine.Outbound(v));
        }

        OmsEvent e = Assert.Single(engine.Events(command.StrategyId));
        Assert.Equal(EventKind.RequestRefused, e.Kind);
        Assert.Equal(reason, e.Reason);
        return e;
    }
}
