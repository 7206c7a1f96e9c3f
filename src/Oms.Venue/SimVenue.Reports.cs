using Oms.Domain;
using Oms.Engine;
using Oms.Venue.Book;

namespace Oms.Venue;

public sealed partial class SimVenue
{
    /// <summary>An execution report of <paramref name="type"/> carrying the order's state now and a new ExecID.</summary>
    private OmsMessage ReportFor(ref SimOrder o, ExecType type)
    {
        OmsMessage m = default;
        m.Kind = MessageKind.ExecutionReport;
        m.ExecType = type;
        m.OrdStatus = o.Status;
        m.Side = o.Side;
        m.OrderType = o.Type;
        m.TimeInForce = o.Tif;
        m.InstrumentId = _instruments[o.Instrument].Id;
        m.VenueId = VenueId;
        m.ClOrdId = o.ClOrdId;
        m.VenueOrderId = o.VenueOrderId;
        m.ExecId = NextExecId();
        m.OrderQty = o.OrderQty;
        m.Price = o.Price;
        m.CumQty = o.CumQty;
        m.LeavesQty = o.State == SimOrderState.Done ? 0 : o.Leaves;
        m.AvgPx = FixedPoint.AveragePrice(o.Notional, o.CumQty);
        m.ExpireTime = o.ExpireTime;
        return m;
    }

    /// <summary>
    /// Queues a report of order <paramref name="o"/> for an event at <paramref name="at"/>: due after the
    /// latency and never before the order's previous report, except that the out-of-order fault may move a
    /// fill just ahead of the order's previous ack or fill while that one still waits on the queue.
    /// </summary>
    private void Send(ref OmsMessage m, ref SimOrder o, long at, bool fill)
    {
        long due = at + (fill ? FillDelay() : AckDelay());
        // Only acks and fills may be overtaken (o.Barrier is the latest report of any other kind), so a fill
        // never arrives before a replace, cancel, expiry, bust or cancel reject it followed.
        if (m.ExecType == ExecType.Trade && o.LastDue > _now && o.LastDue - 1 >= o.Barrier
            && _faultRandom.Chance(_faults.OutOfOrder))
        {
            // Strictly before the previous report, which keeps its place; later reports still queue behind it.
            due = o.LastDue - 1;
            _counters.InjectedOutOfOrderValue++;
        }
        else
        {
            due = Math.Max(due, o.LastDue);
            o.LastDue = due;
        }

        if (m.ExecType is not (ExecType.New or ExecType.Trade))
        {
            o.Barrier = due;
        }

        Enqueue(ref m, due);
    }

    /// <summary>Puts a report on the latency queue, stamped with its due time; the duplicate fault may queue a second copy.</summary>
    private void Enqueue(ref OmsMessage m, long due)
    {
        m.Timestamp = due;
        _reports.Push(due, in m);
        _counters.ReportsQueuedValue++;
        if (m.Kind == MessageKind.ExecutionReport && _faultRandom.Chance(_faults.Duplicate))
        {
            // The same bytes again, later: a resend the OMS must recognise by its ExecID.
            _reports.Push(due + _options.DuplicateDelayNanos, in m);
            _counters.ReportsQueuedValue++;
            _counters.InjectedDuplicatesValue++;
        }
    }

    /// <summary>
    /// Publishes every report due by <paramref name="now"/>, in order; stops (keeping the rest) when the ring
    /// is full. Returns the reports published, plus one if due reports wait, so the host does not back off.
    /// </summary>
    private int PublishDue(long now)
    {
        int published = 0;
        bool waiting = false;
        while (_reports.NextDue <= now)
        {
            if (!_ring.TryPublish(in _reports.Peek()))
            {
                _counters.BackPressuredValue++;
                waiting = true;
                break;
            }

            // Our own copy: the ring slot now belongs to the engine's thread.
            _lookupHints?.PrefetchLookups(in _reports.Peek());
            _reports.Pop();
            published++;
        }

        _counters.ReportsPublishedValue += published;
        return published + (waiting ? 1 : 0);
    }

    private long AckDelay() => _options.AckLatencyNanos + _latencyRandom.Below(_options.AckJitterNanos + 1);

    private long FillDelay() => _options.FillLatencyNanos + _latencyRandom.Below(_options.FillJitterNanos + 1);
}
