using Oms.Domain;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Cli;

/// <summary>
/// The demo's venue: it acknowledges every order at once and fills resting orders at random, in part or in
/// full, at the order's limit price. It has no book and no matching; it exists so the demo exercises the
/// engine's full loop (command → outbound queue → report → ring → state → event).
/// </summary>
internal sealed class LoopbackVenue(OmsEngine engine, int venueId, int seed)
{
    private sealed class Resting
    {
        public IdToken ClOrdId;
        public IdToken VenueOrderId;
        public long Qty;
        public long Filled;
        public long Price;

        public long Leaves => Qty - Filled;
    }

    private readonly SpscQueue<VenueCommand> _queue = engine.VenueQueue(venueId);
    private readonly MpscRing<OmsMessage> _ring = engine.Inbound;
    private readonly Random _rng = new(seed);
    private readonly Dictionary<IdToken, Resting> _byClOrdId = [];
    private readonly List<Resting> _resting = [];
    private long _ids;

    public long Reports { get; private set; }

    /// <summary>One pass: answer every queued command, then maybe fill one resting order. Returns work done.</summary>
    public int Poll(long now)
    {
        int work = 0;
        while (_queue.TryRead(out VenueCommand c))
        {
            work++;
            Answer(in c, now);
        }

        if (_resting.Count > 0 && _rng.Next(4) == 0)
        {
            work++;
            Resting r = _resting[_rng.Next(_resting.Count)];
            long qty = _rng.Next(2) == 0 ? r.Leaves : Math.Max(1, r.Leaves / 2);
            r.Filled += qty;
            Send(ExecType.Trade, r.ClOrdId, IdToken.None, r.VenueOrderId, now, qty, r.Price);
            if (r.Leaves == 0)
            {
                Remove(r);
            }
        }

        return work;
    }

    private void Answer(in VenueCommand c, long now)
    {
        switch (c.Kind)
        {
            case VenueCommandKind.New:
                var r = new Resting { ClOrdId = c.ClOrdId, VenueOrderId = IdToken.ForStrategy(0xFFFFF0 + venueId, ++_ids), Qty = c.OrderQty, Price = c.Price };
                _byClOrdId[c.ClOrdId] = r;
                _resting.Add(r);
                Send(ExecType.New, c.ClOrdId, IdToken.None, r.VenueOrderId, now, 0, 0);
                break;
            case VenueCommandKind.Cancel when _byClOrdId.TryGetValue(c.OrigClOrdId, out Resting? resting):
                Remove(resting);
                Send(ExecType.Canceled, c.ClOrdId, c.OrigClOrdId, resting.VenueOrderId, now, 0, 0);
                break;
            case VenueCommandKind.Replace when _byClOrdId.TryGetValue(c.OrigClOrdId, out Resting? resting):
                _byClOrdId.Remove(c.OrigClOrdId);
                resting.ClOrdId = c.ClOrdId;
                resting.Price = c.Price;
                resting.Qty = c.OrderQty; // the new quantity covers what already filled
                _byClOrdId[c.ClOrdId] = resting;
                Send(ExecType.Replaced, c.ClOrdId, c.OrigClOrdId, resting.VenueOrderId, now, 0, 0);
                if (resting.Leaves <= 0)
                {
                    Remove(resting);
                }

                break;
            default:
                // Too late: the order already filled. A real venue answers with an OrderCancelReject.
                Reject(in c, now);
                break;
        }
    }

    private void Reject(in VenueCommand c, long now)
    {
        OmsMessage m = default;
        m.Kind = MessageKind.CancelReject;
        m.ClOrdId = c.ClOrdId;
        m.OrigClOrdId = c.OrigClOrdId;
        m.CxlRejResponseTo = c.Kind == VenueCommandKind.Replace ? CxlRejResponseTo.ReplaceRequest : CxlRejResponseTo.CancelRequest;
        m.Timestamp = now;
        Publish(in m);
    }

    private void Remove(Resting r)
    {
        _byClOrdId.Remove(r.ClOrdId);
        _resting.Remove(r);
    }

    private void Send(ExecType type, IdToken clOrdId, IdToken orig, IdToken venueOrderId, long now, long lastQty, long lastPx)
    {
        OmsMessage m = default;
        m.Kind = MessageKind.ExecutionReport;
        m.ExecType = type;
        m.ClOrdId = clOrdId;
        m.OrigClOrdId = orig;
        m.VenueOrderId = venueOrderId;
        m.ExecId = IdToken.ForStrategy(0xFFFFE0 + venueId, ++_ids);
        m.LastQty = lastQty;
        m.LastPx = lastPx;
        m.Timestamp = now;
        Publish(in m);
    }

    private void Publish(in OmsMessage m)
    {
        // Back-pressure: wait for the engine rather than drop a report.
        var spin = new SpinWait();
        while (!_ring.TryPublish(in m))
        {
            spin.SpinOnce();
        }

        Reports++;
    }
}
