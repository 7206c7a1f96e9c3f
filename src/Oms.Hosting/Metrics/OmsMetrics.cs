using System.Diagnostics.Metrics;
using Oms.Engine;

namespace Oms.Hosting;

/// <summary>
/// The hosted Oms's instruments, on the meter <see cref="MeterName"/> created through <see cref="IMeterFactory"/>
/// (so <c>dotnet-counters monitor --counters Oms</c> and any OpenTelemetry exporter see them).
/// </summary>
/// <remarks>
/// <para>Counters and the ring gauge are observable: they read <see cref="EngineCounters"/> (atomic 64-bit reads)
/// when a listener collects, so the engine thread does no metrics work at all. <see cref="OrdersFilled"/> is counted
/// by the strategy threads, as is the latency histogram.</para>
/// <para><see cref="EventLatency"/> is recorded on each strategy's thread when it takes an event: the host clock now
/// minus the timestamp of the message that caused the event (a strategy command stamped by its client, or a report
/// stamped by its gateway with the host clock), in microseconds. It therefore includes the ring, the engine and the
/// time the event waited in the strategy's stream.</para>
/// </remarks>
public sealed class OmsMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Oms";
    /// <summary>New orders the engine accepted and sent to a venue.</summary>
    public const string OrdersSubmitted = "oms.orders.submitted";
    /// <summary>Venue acknowledgements.</summary>
    public const string OrdersAccepted = "oms.orders.accepted";
    /// <summary>Venue rejects.</summary>
    public const string OrdersRejected = "oms.orders.rejected";
    /// <summary>New orders denied by the engine before they left the firm.</summary>
    public const string OrdersDenied = "oms.orders.denied";
    /// <summary>Orders of hosted strategies that a fill left fully filled.</summary>
    public const string OrdersFilled = "oms.orders.filled";
    /// <summary>Cancels applied.</summary>
    public const string OrdersCanceled = "oms.orders.canceled";
    /// <summary>Fills applied (corrections included).</summary>
    public const string Fills = "oms.fills";
    /// <summary>Cancel, replace and mass-cancel requests refused by the engine.</summary>
    public const string RequestsRefused = "oms.requests.refused";
    /// <summary>Messages applied by the engine.</summary>
    public const string Messages = "oms.messages";
    /// <summary>Every reason the engine counted (anomalies, denials, refusals), tagged <c>reason</c>.</summary>
    public const string Anomalies = "oms.anomalies";
    /// <summary>Events not delivered because a stream was full or not open.</summary>
    public const string EventsDropped = "oms.events.dropped";
    /// <summary>Messages in the inbound ring not yet applied.</summary>
    public const string RingDepth = "oms.ring.depth";
    /// <summary>Per-event latency histogram, microseconds.</summary>
    public const string EventLatency = "oms.event.latency";

    private static readonly RejectReason[] s_reasons = [.. Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None)];
    private static readonly KeyValuePair<string, object?>[][] s_reasonTags =
        [.. s_reasons.Select(r => new[] { new KeyValuePair<string, object?>("reason", r.ToString()) })];

    private readonly EngineCounters _counters;
    private readonly OmsRuntime _runtime;
    private readonly Histogram<double> _latency;

    internal OmsMetrics(IMeterFactory meterFactory, OmsRuntime runtime)
    {
        _runtime = runtime;
        _counters = runtime.Counters;
        Meter meter = meterFactory.Create(MeterName);
        EngineCounters c = _counters;
        meter.CreateObservableCounter(OrdersSubmitted, () => c.Submitted, "{order}", "New orders the engine accepted and sent to a venue");
        meter.CreateObservableCounter(OrdersAccepted, () => c.Accepted, "{order}", "Venue acknowledgements applied");
        meter.CreateObservableCounter(OrdersRejected, () => c.Rejected, "{order}", "Venue rejects applied");
        meter.CreateObservableCounter(OrdersDenied, () => c.Denied, "{order}", "New orders denied before they left the firm");
        meter.CreateObservableCounter(OrdersFilled, SumOrdersFilled, "{order}", "Orders of hosted strategies left fully filled by a fill");
        meter.CreateObservableCounter(OrdersCanceled, () => c.Canceled, "{order}", "Cancels applied");
        meter.CreateObservableCounter(Fills, () => c.Fills, "{fill}", "Fills applied (corrections included)");
        meter.CreateObservableCounter(RequestsRefused, () => c.Refused, "{request}", "Cancel, replace and mass-cancel requests refused");
        meter.CreateObservableCounter(Messages, () => c.Messages, "{message}", "Messages applied by the engine");
        meter.CreateObservableCounter(Anomalies, ObserveReasons, "{event}", "Anomalies, denials and refusals by reason");
        meter.CreateObservableCounter(EventsDropped, () => c.DroppedEvents, "{event}", "Events not delivered: stream full or not open");
        meter.CreateObservableGauge(RingDepth, () => runtime.RingDepth, "{message}", "Messages in the inbound ring not yet applied");
        _latency = meter.CreateHistogram<double>(EventLatency, "us", "Cause timestamp to delivery on the strategy thread");
    }

    /// <summary>Records one event's latency (nanoseconds) on the calling strategy thread; negative values (another clock) are skipped.</summary>
    internal void RecordLatency(long nanos)
    {
        if (nanos >= 0 && _latency.Enabled)
        {
            _latency.Record(nanos / 1_000.0);
        }
    }

    private long SumOrdersFilled()
    {
        long sum = 0;
        foreach (StrategyStatus s in _runtime.Strategies)
        {
            sum += s.OrdersFilled;
        }

        return sum;
    }

    private List<Measurement<long>> ObserveReasons()
    {
        var list = new List<Measurement<long>>();
        for (int i = 0; i < s_reasons.Length; i++)
        {
            long n = _counters.ByReason(s_reasons[i]);
            if (n != 0)
            {
                list.Add(new Measurement<long>(n, s_reasonTags[i]));
            }
        }

        return list;
    }
}
