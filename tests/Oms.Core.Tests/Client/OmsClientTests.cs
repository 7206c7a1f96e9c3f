using System.Diagnostics;
using Oms.Client;
using Oms.Domain;
using Oms.Engine;
using Oms.Ring;
using Oms.Tests.Support;

namespace Oms.Tests.Client;

public sealed class OmsClientTests
{
    private static readonly NewOrderRequest s_buy = new(1, 1, 1, Side.Buy, OrderType.Limit, TimeInForce.Day, 100, 10_000);

    private sealed class Recorder : IOmsEventHandler
    {
        public readonly List<OmsEvent> Events = [];

        public void OnEvent(in OmsEvent e) => Events.Add(e);
    }

    private static void PollUntil(OmsClient client, Recorder recorder, Func<bool> done)
    {
        var sw = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for events");
            client.Poll(ref recorder);
            Thread.Yield();
        }
    }

    private static void Publish(OmsEngine engine, OmsMessage m)
    {
        while (!engine.Inbound.TryPublish(in m))
        {
            Thread.Yield();
        }
    }

    [Fact]
    public void SingleProducerInbound_OwnerSubmits_AnotherThreadIsRefusedLoudly_NothingLost()
    {
        var options = TestEngines.SmallOptions();
        options.InboundProducers = ProducerMode.Single;
        var engine = TestEngines.Create(options);
        Assert.Equal(ProducerMode.Single, engine.Inbound.Producers);
        var client = new OmsClient(engine, 1);
        var recorder = new Recorder();

        Assert.True(client.TrySubmit(in s_buy, out IdToken first));
        Exception? seen = null;
        var other = new Thread(() => seen = Record.Exception(() => client.TrySubmit(in s_buy, out _)));
        other.Start();
        other.Join();
        Assert.IsType<InvalidOperationException>(seen);
        Assert.True(client.TrySubmit(in s_buy, out IdToken second));

        engine.DoWork();
        client.Poll(ref recorder);
        Assert.Equal(2, engine.Counters.Messages);
        Assert.Equal(2, engine.Counters.Submitted);
        Assert.Equal([first, second], recorder.Events.Where(e => e.Kind == EventKind.Submitted).Select(e => e.ClOrdId));
    }

    [Fact]
    public void TrySubmit_ReturnsIdAtOnce_EventsArriveInOrder_MirrorFollows()
    {
        var engine = TestEngines.Create();
        var client = new OmsClient(engine, 1);
        var recorder = new Recorder();
        using var runner = new EngineRunner(engine);

        Assert.True(client.TrySubmit(in s_buy, out IdToken id));
        Assert.True(id.IsStrategyMinted);
        PollUntil(client, recorder, () => recorder.Events.Count >= 1);
        Assert.Equal(EventKind.Submitted, recorder.Events[0].Kind);
        Assert.True(client.OpenOrders.ContainsKey(id));
        Assert.Equal(OrderStatus.PendingNew, client.OpenOrders[id].Status);

        // The venue: answer the outbound New with an ack and a partial fill.
        VenueCommand sent = default;
        PollUntil(client, recorder, () => engine.VenueQueue(1).TryRead(out sent));
        Assert.Equal(VenueCommandKind.New, sent.Kind);
        Assert.Equal(id, sent.ClOrdId);
        Publish(engine, new OmsMessage { Kind = MessageKind.ExecutionReport, VenueId = 1, ExecType = ExecType.New, ClOrdId = id, ExecId = IdToken.FromString("x1"), VenueOrderId = IdToken.FromString("v1") });
        Publish(engine, new OmsMessage { Kind = MessageKind.ExecutionReport, VenueId = 1, ExecType = ExecType.Trade, ClOrdId = id, ExecId = IdToken.FromString("x2"), LastQty = 40, LastPx = 10_000 });
        PollUntil(client, recorder, () => recorder.Events.Count >= 3);

        Assert.Equal([EventKind.Submitted, EventKind.Accepted, EventKind.Filled], recorder.Events.Select(e => e.Kind));
        Assert.Equal([1L, 2L, 3L], recorder.Events.Select(e => e.Sequence));
        Assert.Equal(OrderStatus.PartiallyFilled, client.OpenOrders[id].Status);
        Assert.Equal(60, client.OpenOrders[id].LeavesQty);
        Assert.True(client.TryGetPosition(1, out ClientPosition position));
        Assert.Equal(40, position.NetQty);
        Assert.Equal(10_000, position.AvgCost);
        Assert.Equal(0, client.MissedEvents);
    }

    [Fact]
    public void TryCancel_AnotherStrategysOrder_RefusedWithNotOwner_OrderUntouched()
    {
        var engine = TestEngines.Create();
        var owner = new OmsClient(engine, 1);
        var intruder = new OmsClient(engine, 2);
        var ownerEvents = new Recorder();
        var intruderEvents = new Recorder();
        using (var runner = new EngineRunner(engine))
        {
            Assert.True(owner.TrySubmit(in s_buy, out IdToken id));
            PollUntil(owner, ownerEvents, () => ownerEvents.Events.Count >= 1);
            Assert.True(intruder.TryCancel(id, out _));
            Assert.True(intruder.TryReplace(id, 50, 9_000, 0, out _));
            PollUntil(intruder, intruderEvents, () => intruderEvents.Events.Count >= 2);
            Assert.All(intruderEvents.Events, e => Assert.Equal((EventKind.RequestRefused, RejectReason.NotOwner), (e.Kind, e.Reason)));
            // The refusal reveals nothing of the other strategy's order.
            Assert.All(intruderEvents.Events, e => Assert.True(e.OrderId.IsNone));
        }

        Assert.True(engine.TryGetOrder(ownerEvents.Events[0].ClOrdId, out OrderView order));
        Assert.Equal(OrderStatus.PendingNew, order.Status);
        Assert.Equal(1, order.ChainLength);
        Assert.Single(engine.Outbound(1)); // only the owner's New went out
    }

    [Fact]
    public void ManyOrdersFromTwoThreads_EachStrategySeesItsOwnEventsInOrder()
    {
        const int PerStrategy = 5_000;
        var engine = TestEngines.Create();
        var clients = new[] { new OmsClient(engine, 1), new OmsClient(engine, 2) };
        var seen = new List<OmsEvent>[2];
        using (var runner = new EngineRunner(engine))
        {
            Parallel.For(0, 2, s =>
            {
                var recorder = new Recorder();
                OmsClient client = clients[s];
                int submitted = 0;
                while (recorder.Events.Count < PerStrategy)
                {
                    if (submitted < PerStrategy && client.TrySubmit(in s_buy, out _))
                    {
                        submitted++;
                    }

                    client.Poll(ref recorder);
                    while (engine.VenueQueue(1).Count > 4_000 && s == 0)
                    {
                        engine.Outbound(1);
                    }
                }

                seen[s] = recorder.Events;
            });
        }

        for (int s = 0; s < 2; s++)
        {
            Assert.Equal(PerStrategy, seen[s].Count);
            Assert.All(seen[s], e => Assert.Equal(s + 1, e.StrategyId));
            Assert.Equal(Enumerable.Range(1, PerStrategy).Select(i => (long)i), seen[s].Select(e => e.Sequence));
            // Submit order is preserved per producer: ClOrdID sequence numbers arrive increasing.
            Assert.Equal(Enumerable.Range(1, PerStrategy).Select(i => IdToken.ForStrategy(s + 1, i)), seen[s].Select(e => e.ClOrdId));
            Assert.Equal(0, clients[s].MissedEvents);
        }
    }

    private static OmsMessage Report(ExecType type, IdToken clOrdId, string execId, long lastQty = 0, long lastPx = 0,
        IdToken orig = default, string? execRef = null) => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = 1,
        ExecType = type,
        ClOrdId = clOrdId,
        OrigClOrdId = orig,
        ExecId = IdToken.FromString(execId),
        ExecRefId = execRef is null ? default : IdToken.FromString(execRef),
        LastQty = lastQty,
        LastPx = lastPx,
    };

    [Fact]
    public void ReplacedThenFilledThenBusted_MirrorKeepsTheOrderUnderItsSubmittedClOrdId()
    {
        var engine = TestEngines.Create();
        var client = new OmsClient(engine, 1);
        Assert.True(client.TrySubmit(in s_buy, out IdToken a));
        engine.DoWork();
        engine.Apply(Report(ExecType.New, a, "x1"));
        Assert.True(client.TryReplace(a, 100, 10_100, 0, out IdToken b));
        engine.DoWork();
        engine.Apply(Report(ExecType.Replaced, b, "x2", orig: a));
        engine.Apply(Report(ExecType.Trade, b, "x3", 100, 10_100));
        engine.Apply(Report(ExecType.TradeCancel, b, "x4", execRef: "x3"));
        client.Poll();

        Assert.True(engine.TryGetOrder(a, out OrderView view));
        Assert.True(view.Status.IsLive());
        Assert.True(client.OpenOrders.ContainsKey(a));
        Assert.Equal(a, client.OpenOrders[a].OrigClOrdId);
        Assert.Equal(b, client.OpenOrders[a].ClOrdId);

        // Filled and busted once more: still the same order, under the same key.
        engine.Apply(Report(ExecType.Trade, b, "x5", 100, 10_100));
        client.Poll();
        Assert.Empty(client.OpenOrders);
        engine.Apply(Report(ExecType.TradeCancel, b, "x6", execRef: "x5"));
        client.Poll();
        Assert.Equal([a], client.OpenOrders.Keys);
    }

    [Fact]
    public void UpsizeReplaceCompletingAfterAFullFill_MirrorKeepsTheOrderUnderItsSubmittedClOrdId()
    {
        var engine = TestEngines.Create();
        var client = new OmsClient(engine, 1);
        Assert.True(client.TrySubmit(in s_buy, out IdToken a));
        engine.DoWork();
        engine.Apply(Report(ExecType.New, a, "x1"));
        Assert.True(client.TryReplace(a, 200, 10_000, 0, out IdToken b));
        engine.DoWork();
        engine.Apply(Report(ExecType.Trade, a, "x2", 100, 10_000));
        engine.Apply(Report(ExecType.Replaced, b, "x3", orig: a));
        client.Poll();

        Assert.True(engine.TryGetOrder(a, out OrderView view));
        Assert.Equal(OrderStatus.PartiallyFilled, view.Status);
        Assert.True(client.OpenOrders.ContainsKey(a));
        Assert.Equal(b, client.OpenOrders[a].ClOrdId);
        Assert.Equal(100, client.OpenOrders[a].LeavesQty);
    }

    [Fact]
    public void EndedOrders_AreForgotten_ExceptFilledOnesThatWereReplaced()
    {
        var engine = TestEngines.Create();
        var client = new OmsClient(engine, 1);
        IdToken[] ids = new IdToken[4];
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.True(client.TrySubmit(in s_buy, out ids[i]));
            engine.DoWork();
            engine.Apply(Report(ExecType.New, ids[i], $"n{i}"));
        }

        Assert.True(client.TryReplace(ids[3], 100, 10_100, 0, out IdToken replaced));
        engine.DoWork();
        engine.Apply(Report(ExecType.Replaced, replaced, "r3", orig: ids[3]));
        client.Poll();
        Assert.Equal(4, client.RememberedOrders);

        engine.Apply(Report(ExecType.Trade, ids[0], "t0", 100, 10_000)); // filled, never replaced
        engine.Apply(Report(ExecType.Canceled, ids[1], "c1"));           // canceled by the venue
        engine.Apply(Report(ExecType.Trade, replaced, "t3", 100, 10_100)); // filled after a replace: may come back
        client.Poll();

        Assert.Equal([ids[2]], client.OpenOrders.Keys);
        Assert.Equal(2, client.RememberedOrders);
    }

    [Fact]
    public void EventsDroppedAtTheEndOfTheStream_CountOnceTheClientIsToldWhereItEnded()
    {
        OmsEngineOptions options = TestEngines.SmallOptions();
        options.StrategyEventCapacity = 4;
        var engine = TestEngines.Create(options);
        var client = new OmsClient(engine, 1);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(client.TrySubmit(in s_buy, out _));
        }

        engine.DoWork(); // 10 Submitted events: the stream keeps 4, the engine drops 6
        Assert.Equal(4, client.Poll());
        Assert.Equal(0, client.MissedEvents); // no later event shows the gap
        Assert.Equal(10, engine.StrategyEventSequence(1));
        Assert.Equal(0, engine.StrategyEventSequence(2));

        Assert.Equal(6, client.CountMissedThrough(engine.StrategyEventSequence(1)));
        Assert.Equal(6, client.MissedEvents);
        Assert.Equal(0, client.CountMissedThrough(engine.StrategyEventSequence(1))); // told twice, counted once

        // The stream goes on from there: the next event is no gap.
        Assert.True(client.TrySubmit(in s_buy, out _));
        engine.DoWork();
        Assert.Equal(1, client.Poll());
        Assert.Equal(6, client.MissedEvents);
    }
}
