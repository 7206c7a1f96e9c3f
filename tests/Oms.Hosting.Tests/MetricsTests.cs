using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;

namespace Oms.Hosting.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task CountersGaugeAndLatencyHistogram_Report()
    {
        var strategy = new ScriptedStrategy();
        // Prices 10_000..10_009: 10_004 and 10_009 are rejected; the other even ones fill (10_000 in two fills); odd ones rest.
        using IHost host = TestHosts.Build(services: s => s
            .AddOmsGateway(sp => new LoopbackGateway(sp.GetRequiredService<OmsEngine>(), 1)
            {
                RejectPolicy = c => c.Price is 10_004 or 10_009,
                FillPolicy = c => c.Price % 2 == 0,
                SplitPolicy = c => c.Price == 10_000,
            })
            .AddOmsStrategy(1, _ => strategy));
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var submitted = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersSubmitted);
        using var accepted = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersAccepted);
        using var rejected = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersRejected);
        using var refused = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.RequestsRefused);
        using var messages = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.Messages);
        using var dropped = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.EventsDropped);
        using var filled = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersFilled);
        using var fills = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.Fills);
        using var denied = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersDenied);
        using var canceled = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.OrdersCanceled);
        using var anomalies = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.Anomalies);
        using var depth = new MetricCollector<long>(meters, OmsMetrics.MeterName, OmsMetrics.RingDepth);
        using var latency = new MetricCollector<double>(meters, OmsMetrics.MeterName, OmsMetrics.EventLatency);
        await host.StartAsync(Ct);

        List<IdToken> ids = await strategy.Invoke(s => Enumerable.Range(0, 10).Select(i => s.SubmitLimit(Side.Buy, 100, 10_000 + i)).ToList());
        await strategy.Invoke(s => s.SubmitLimit(Side.Buy, 0, 10_000));               // denied: InvalidQuantity
        await strategy.Invoke(s => s.CancelOrder(IdToken.FromString("no-such")));     // refused: UnknownOrder
        strategy.WaitFor(e => e.Count(x => x.Kind == EventKind.Filled) == 5 && e.Count(x => x.Kind == EventKind.Accepted) == 8
            && e.Count(x => x.Kind == EventKind.Rejected) == 2 && e.Any(x => x.Kind == EventKind.RequestRefused), "every answer");
        await strategy.Invoke(s => s.CancelOrder(ids[1]));
        strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Canceled), "the cancel");
        await host.StopAsync(Ct);

        foreach (var c in new[] { submitted, accepted, rejected, refused, messages, dropped, filled, fills, denied, canceled, anomalies, depth })
        {
            c.RecordObservableInstruments();
        }

        Assert.Equal(10, submitted.LastMeasurement!.Value);
        Assert.Equal(8, accepted.LastMeasurement!.Value);
        Assert.Equal(2, rejected.LastMeasurement!.Value);
        Assert.Equal(1, refused.LastMeasurement!.Value);
        Assert.Equal(host.Runtime().InputSequence, messages.LastMeasurement!.Value);
        Assert.Equal(0, dropped.LastMeasurement!.Value);
        Assert.Equal(4, filled.LastMeasurement!.Value);
        Assert.Equal(5, fills.LastMeasurement!.Value);
        Assert.Equal(1, denied.LastMeasurement!.Value);
        Assert.Equal(1, canceled.LastMeasurement!.Value);
        Assert.Equal(0, depth.LastMeasurement!.Value);
        var byReason = anomalies.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["reason"]!, m => m.Value);
        Assert.Equal(1, byReason[nameof(RejectReason.InvalidQuantity)]);
        Assert.Equal(1, byReason[nameof(RejectReason.UnknownOrder)]);
        Assert.DoesNotContain(nameof(RejectReason.NotOwner), byReason.Keys); // only reasons that happened

        // One latency sample per event the strategy took, each non-negative (microseconds on the host clock).
        IReadOnlyList<CollectedMeasurement<double>> samples = latency.GetMeasurementSnapshot();
        Assert.Equal(strategy.Events.Count, samples.Count);
        Assert.All(samples, m => Assert.True(m.Value >= 0));
        Assert.Equal("us", latency.Instrument!.Unit);
    }
}
