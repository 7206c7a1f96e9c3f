using Oms.Domain;
using Oms.Engine;

namespace Oms.Reference;

/// <summary>
/// A seeded generator of realistic, deliberately disordered message streams: strategies submit, cancel,
/// replace and mass-cancel; the venue acknowledges, fills, cancels, replaces, rejects, expires, busts and
/// corrects; and the wire duplicates, reorders and garbles. The same seed gives the same stream.
/// </summary>
public sealed class StreamGenerator(int seed, int strategies = 3, int accounts = 3, int instruments = 4, int venues = 2)
{
    private sealed class GenOrder
    {
        public required string Id;
        public int Strategy;
        public long Qty;
        public long Filled;
        public string Current = "";
        public string? LastRequest;
        public bool RequestIsReplace;
        public long RequestQty;
        public string OrderId = "";
        public int Venue;
        public int Instrument;
        public Side Side;
        public OrderType Type;
        public TimeInForce Tif;
        public bool Acked;
        public bool Done;
        public readonly List<string> Fills = [];
    }

    private readonly Random _rng = new(seed);
    private readonly List<GenOrder> _orders = [];
    private readonly List<OmsMessage> _sentReports = [];
    private long _exec;
    private readonly long[] _execByVenue = new long[venues + 1];
    private readonly long[] _orderIdByVenue = new long[venues + 1];
    private long _req;
    private long _ts = 1_700_000_000_000_000_000;

    /// <summary>Generates <paramref name="count"/> messages.</summary>
    public OmsMessage[] Generate(int count)
    {
        var result = new OmsMessage[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = Next();
        }

        return result;
    }

    /// <summary>The next message.</summary>
    public OmsMessage Next()
    {
        _ts += _rng.Next(1, 5_000);
        int roll = _rng.Next(1000);
        OmsMessage m = roll switch
        {
            < 130 => NewOrder(),
            < 180 => CancelRequest(),
            < 220 => ReplaceRequest(),
            < 224 => MassCancel(),
            < 264 => Duplicate(),
            < 272 => UnknownOrderReport(),
            < 275 => Garbage(),
            _ => VenueReport(),
        };
        m.Timestamp = _ts;
        if (m.Kind is MessageKind.ExecutionReport or MessageKind.CancelReject)
        {
            _sentReports.Add(m);
        }

        return m;
    }

    private GenOrder? PickOrder()
    {
        if (_orders.Count == 0)
        {
            return null;
        }

        // Favour recent orders, as real flow does, but reach back into history sometimes.
        int window = Math.Min(_orders.Count, 64);
        return _rng.Next(10) < 8 ? _orders[_orders.Count - 1 - _rng.Next(window)] : _orders[_rng.Next(_orders.Count)];
    }

    private OmsMessage NewOrder()
    {
        string id = $"C{_orders.Count + 1}";
        int strategy = 1 + _rng.Next(strategies);
        var type = (OrderType)"1234"[_rng.Next(10) < 7 ? 1 : _rng.Next(4)];
        long qty = 100 * (1 + _rng.Next(20));
        long price = type is OrderType.Limit or OrderType.StopLimit ? 9_000 + _rng.Next(2_000) : 0;
        long stop = type is OrderType.Stop or OrderType.StopLimit ? 9_500 + _rng.Next(1_000) : 0;
        var tif = (TimeInForce)"01346"[_rng.Next(5)];
        var m = Msg.New(id, _rng.Next(2) == 0 ? Side.Buy : Side.Sell, qty, price, strategy, 1 + _rng.Next(accounts),
            1 + _rng.Next(instruments), 1 + _rng.Next(venues), type, tif, stop, tif == TimeInForce.GoodTillDate ? _ts + 1_000_000 : 0);
        int bad = _rng.Next(100);
        if (bad < 2)
        {
            m.OrderQty = -m.OrderQty;
        }
        else if (bad < 3)
        {
            m.Side = Side.None;
        }
        else if (bad < 4)
        {
            m.AccountId = 999_999;
        }
        else if (bad < 5 && _orders.Count > 0)
        {
            m.ClOrdId = Msg.Id(_orders[_rng.Next(_orders.Count)].Id); // duplicate ClOrdID
            return m;
        }

        _orders.Add(new GenOrder { Id = id, Strategy = strategy, Qty = m.OrderQty, Current = id, Venue = m.VenueId, Instrument = m.InstrumentId, Side = m.Side,
            Type = m.OrderType, Tif = m.TimeInForce });
        return m;
    }

    private OmsMessage CancelRequest()
    {
        GenOrder? o = PickOrder();
        if (o is null)
        {
            return NewOrder();
        }

        string req = $"R{++_req}";
        int strategy = _rng.Next(20) == 0 ? 1 + _rng.Next(strategies) : o.Strategy; // sometimes not the owner
        o.LastRequest = req;
        o.RequestIsReplace = false;
        OmsMessage m = Msg.Cancel(req, _rng.Next(4) == 0 ? o.Id : o.Current, strategy);
        m.InstrumentId = NamedInstrument(o);
        return m;
    }

    private OmsMessage ReplaceRequest()
    {
        // Replaces go mostly to orders the generator believes are working (acked, not done, nothing in flight).
        GenOrder? o = _rng.Next(4) > 0 ? PickWorking() ?? PickOrder() : PickOrder();
        if (o is null)
        {
            return NewOrder();
        }

        string req = $"R{++_req}";
        long qty = Math.Max(100, o.Qty + (100 * (_rng.Next(7) - 3)));
        o.LastRequest = req;
        o.RequestIsReplace = true;
        o.RequestQty = qty;
        OmsMessage m = Msg.Replace(req, o.Current, qty, 9_000 + _rng.Next(2_000), o.Strategy);
        m.InstrumentId = NamedInstrument(o);
        // Terms a replace may name but not change: none (0, as the in-process client sends), mostly the order's
        // own, and now and then another, which must be refused.
        int r = _rng.Next(100);
        m.OrderType = r < 40 ? OrderType.None : r < 98 ? o.Type : o.Type == OrderType.Limit ? OrderType.Market : OrderType.Limit;
        r = _rng.Next(100);
        m.TimeInForce = r < 40 ? 0 : r < 98 ? o.Tif : o.Tif == TimeInForce.Day ? TimeInForce.GoodTillCancel : TimeInForce.Day;
        return m;
    }

    private GenOrder? PickWorking()
    {
        for (int i = _orders.Count - 1, n = 0; i >= 0 && n < 64; i--, n++)
        {
            GenOrder o = _orders[i];
            if (o.Acked && !o.Done && o.LastRequest is null && _rng.Next(3) > 0)
            {
                return o;
            }
        }

        return null;
    }

    private OmsMessage MassCancel() => Msg.MassCancel(1 + _rng.Next(strategies),
        _rng.Next(2) == 0 ? 0 : 1 + _rng.Next(accounts), _rng.Next(2) == 0 ? 0 : 1 + _rng.Next(instruments), 0, $"M{++_req}");

    private OmsMessage Duplicate() => _sentReports.Count == 0 ? VenueReport() : _sentReports[_sentReports.Count - 1 - _rng.Next(Math.Min(_sentReports.Count, 200))];

    private OmsMessage UnknownOrderReport() =>
        Msg.Report(ExecType.Trade, $"UNKNOWN{_rng.Next(1000)}", NextStrayExec(), lastQty: 100, lastPx: 10_000, venue: 1 + _rng.Next(venues));

    private OmsMessage Garbage()
    {
        GenOrder? o = PickOrder();
        var m = Msg.Report(ExecType.Trade, o?.Current ?? "C1", NextStrayExec(), lastQty: 100, lastPx: 10_000, venue: o?.Venue ?? 1);
        switch (_rng.Next(5))
        {
            case 0: m.Kind = (MessageKind)77; break;
            case 1: m.ExecType = (ExecType)'Z'; break;
            case 2: m.ExecId = IdToken.None; break;
            case 3: m.LastPx = _rng.Next(2) == 0 ? 0 : -m.LastPx; break; // LastPx lost (read as 0) or garbled
            default: m.LastQty = 0; break;
        }

        return m;
    }

    // Each venue numbers its own executions, as real venues do: the same ExecID comes from both venues.
    private string NextExec(int venue) => $"X{++_execByVenue[venue]}";

    private string NextStrayExec() => $"G{++_exec}";

    private OmsMessage VenueReport()
    {
        GenOrder? o = PickOrder();
        if (o is null)
        {
            return NewOrder();
        }

        if (o.OrderId.Length == 0)
        {
            // Each venue numbers its own orders too: the same OrderID names one order on each venue. Now and
            // then a venue gives again the OrderID of an order it believes done, as venues that number their
            // orders per day do after a restart.
            o.OrderId = _rng.Next(10) == 0 ? DoneOrderId(o.Venue) ?? "" : "";
            if (o.OrderId.Length == 0)
            {
                o.OrderId = $"V{++_orderIdByVenue[o.Venue]}";
            }
        }

        int r = _rng.Next(1000);
        string exec = NextExec(o.Venue);
        // Reports mostly name the current ClOrdID, sometimes only the venue's OrderID or the original.
        string clOrdId = _rng.Next(10) switch { 0 => o.Id, _ => o.Current };
        OmsMessage m;
        if (o.LastRequest is not null && _rng.Next(3) == 0)
        {
            m = Answer(o, exec);   // requests mostly get answered soon, as at a real venue
        }
        else if (r < 170)
        {
            bool pending = _rng.Next(8) == 0;
            m = Msg.Report(pending ? ExecType.PendingNew : ExecType.New, clOrdId, exec, venueOrderId: o.OrderId);
            o.Acked |= !pending;
        }
        else if (r < 470)
        {
            long left = Math.Max(1, o.Qty - o.Filled);
            long qty = _rng.Next(25) == 0 ? left + 100 : 1 + _rng.Next((int)Math.Min(left, 2_000));
            m = Msg.Report(ExecType.Trade, clOrdId, exec, venueOrderId: o.OrderId, lastQty: qty, lastPx: 9_000 + _rng.Next(2_000),
                fee: _rng.Next(3) == 0 ? _rng.Next(50) : 0);
            o.Filled += qty;
            o.Fills.Add(exec);
            o.Done |= o.Filled >= o.Qty;
        }
        else if (r < 600 && o.LastRequest is not null)
        {
            m = Answer(o, exec);
        }
        else if (r < 620)
        {
            m = Msg.Report(ExecType.Canceled, clOrdId, exec, venueOrderId: o.OrderId); // unsolicited cancel
            o.Done = true;
        }
        else if (r < 660 && o.Fills.Count > 0)
        {
            string target = o.Fills[_rng.Next(o.Fills.Count)];
            bool correct = _rng.Next(3) == 0;
            m = Msg.Report(correct ? ExecType.TradeCorrect : ExecType.TradeCancel, o.Current, exec, venueOrderId: o.OrderId,
                execRefId: _rng.Next(10) == 0 ? "X0" : target, lastQty: correct ? 1 + _rng.Next(500) : 0, lastPx: correct ? 9_500 : 0);
            if (correct)
            {
                o.Fills.Add(exec);
            }
        }
        else
        {
            ExecType t = (ExecType)"8C39DI67EB"[_rng.Next(10)];
            m = Msg.Report(t, clOrdId, exec, venueOrderId: o.OrderId, qty: t == ExecType.Restated ? o.Qty + 100 : 0,
                ordStatus: t == ExecType.Restated ? OrderStatus.New : OrderStatus.None);
        }

        if (_rng.Next(50) == 0)
        {
            // Only the venue's OrderID identifies the order.
            m.ClOrdId = IdToken.None;
        }

        // The report names the venue whose session delivered it; now and then a miswired session names
        // another venue (or none), whose reports must not touch this order.
        int wire = _rng.Next(200);
        m.VenueId = wire == 0 ? 0 : wire < 3 ? (o.Venue % venues) + 1 : o.Venue;
        if (m.Kind == MessageKind.ExecutionReport)
        {
            m.InstrumentId = NamedInstrument(o);
            m.Side = NamedSide(o);
        }

        return m;
    }

    /// <summary>
    /// The side a report about <paramref name="o"/> repeats: none (0, as producers that do not echo it send), mostly
    /// the order's own, and now and then the other, which must be refused.
    /// </summary>
    private Side NamedSide(GenOrder o)
    {
        int r = _rng.Next(100);
        return r < 40 ? Side.None : r < 98 ? o.Side : o.Side == Side.Buy ? Side.Sell : Side.Buy;
    }

    /// <summary>
    /// The instrument a report or request about <paramref name="o"/> names: none (0, as producers that read no
    /// scales send), mostly the order's own, and now and then another, which must be refused.
    /// </summary>
    private int NamedInstrument(GenOrder o)
    {
        int r = _rng.Next(100);
        return r < 40 ? 0 : r < 98 ? o.Instrument : (o.Instrument % instruments) + 1;
    }

    private string? DoneOrderId(int venue)
    {
        for (int i = _orders.Count - 1, n = 0; i >= 0 && n < 256; i--, n++)
        {
            GenOrder o = _orders[i];
            if (o.Venue == venue && o.Done && o.OrderId.Length > 0)
            {
                return o.OrderId;
            }
        }

        return null;
    }

    private OmsMessage Answer(GenOrder o, string exec)
    {
        string req = o.LastRequest!;
        string orig = o.Current;
        int r = _rng.Next(10);
        if (r < 3)
        {
            var reject = Msg.CancelReject(req, orig, o.RequestIsReplace ? CxlRejResponseTo.ReplaceRequest : CxlRejResponseTo.CancelRequest);
            if (_rng.Next(5) == 0)
            {
                reject.CxlRejResponseTo = CxlRejResponseTo.None;
            }

            o.LastRequest = null;
            return reject;
        }

        if (r < 5)
        {
            return Msg.Report(o.RequestIsReplace ? ExecType.PendingReplace : ExecType.PendingCancel, req, exec, orig, o.OrderId);
        }

        o.LastRequest = null;
        if (o.RequestIsReplace)
        {
            o.Current = req;
            o.Qty = o.RequestQty;
            return Msg.Report(ExecType.Replaced, req, exec, orig, o.OrderId);
        }

        o.Done = true;
        return Msg.Report(ExecType.Canceled, req, exec, orig, o.OrderId);
    }
}
