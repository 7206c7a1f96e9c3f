using Microsoft.Extensions.Hosting;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;

namespace Oms.Hosting.Tests;

public sealed class OwnershipTests
{
    [Fact]
    public async Task AStrategyCannotCancelReplaceOrMassCancelAnothersOrder()
    {
        var owner = new ScriptedStrategy();
        var intruder = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s
            .AddLoopback(1, fill: _ => false) // everything rests
            .AddOmsStrategy(1, _ => owner)
            .AddOmsStrategy(2, _ => intruder));
        await host.StartAsync(Ct);

        IdToken order = await owner.Invoke(s => s.SubmitLimit(Side.Buy, 500, 10_000));
        owner.WaitFor(e => e.Any(x => x.Kind == EventKind.Accepted), "the owner's order to be accepted");

        IdToken cancel = await intruder.Invoke(s => s.CancelOrder(order));
        IdToken replace = await intruder.Invoke(s => s.ReplaceOrder(order, 1_000, 10_500));
        Assert.True(await intruder.Invoke(s => s.MassCancelAll()));
        intruder.WaitFor(e => e.Count(x => x.Kind == EventKind.RequestRefused) == 2 && e.Any(x => x.Kind == EventKind.MassCancelDone),
            "the intruder's answers");
        await host.StopAsync(Ct);

        List<OmsEvent> refused = [.. intruder.Events.Where(e => e.Kind == EventKind.RequestRefused)];
        Assert.All(refused, e => Assert.Equal(RejectReason.NotOwner, e.Reason));
        Assert.Equal([cancel, replace], refused.Select(e => e.RequestClOrdId));
        // Nothing about the owner's order leaks to the intruder.
        Assert.All(refused, e => Assert.True(e.OrderId.IsNone && e.CumQty == 0 && e.AccountId == 0));
        Assert.Equal(0, intruder.Events.Single(e => e.Kind == EventKind.MassCancelDone).LastQty);
        Assert.Empty(intruder.Mirror);

        // The owner's order is untouched: the owner heard nothing more, the venue was asked nothing more.
        Assert.Equal([EventKind.Submitted, EventKind.Accepted], owner.Events.Select(e => e.Kind));
        OmsEngine engine = host.Runtime().Engine;
        Assert.True(engine.TryGetOrder(order, out OrderView view));
        Assert.Equal((OrderStatus.New, 500L, 10_000L, 1), (view.Status, view.OrderQty, view.Price, view.ChainLength));
        Assert.Equal([VenueCommandKind.New], host.Loopback().Received.Select(c => c.Kind));
        Assert.Equal(2, engine.Counters.ByReason(RejectReason.NotOwner));
    }

    [Fact]
    public async Task TheOwnerCanStillCancelItsOrder()
    {
        var owner = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s.AddLoopback(1, fill: _ => false).AddOmsStrategy(1, _ => owner));
        await host.StartAsync(Ct);

        IdToken order = await owner.Invoke(s => s.SubmitLimit(Side.Sell, 100, 10_000));
        owner.WaitFor(e => e.Any(x => x.Kind == EventKind.Accepted), "acceptance");
        await owner.Invoke(s => s.CancelOrder(order));
        owner.WaitFor(e => e.Any(x => x.Kind == EventKind.Canceled), "the cancel");
        await host.StopAsync(Ct);

        Assert.Equal([EventKind.Submitted, EventKind.Accepted, EventKind.PendingCancel, EventKind.Canceled], owner.Events.Select(e => e.Kind));
    }
}
