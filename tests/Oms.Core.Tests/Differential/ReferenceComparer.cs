using System.Numerics;
using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;

namespace Oms.Tests.Differential;

/// <summary>Turns reference-model rows into the engine's views so both hash and compare the same way.</summary>
internal static class ReferenceComparer
{
    public static OrderView View(ReferenceOms.Order o) => new(
        OrderId.None, o.ClOrdId, o.OrigClOrdId, o.VenueOrderId, o.Strategy, o.Account, o.Instrument, o.Venue, o.Side, o.Type,
        o.Tif, o.Status, o.Qty, o.Price, o.StopPx, o.Cum, ReferenceOms.Leaves(o), ReferenceOms.AvgPx(o.Notional, o.Cum),
        (Int128)o.Notional, o.Overfilled, o.Chain.Count, o.PendingClOrdId);

    public static PositionView View(ReferenceOms.Position p) => new(
        p.Owner, p.OwnerId, p.Instrument, p.Net, ReferenceOms.AvgPx(p.Cost, p.Net), (Int128)p.Cost, (Int128)p.Realized,
        (Int128)p.Fees, p.Bought, p.Sold, Incomplete: false); // the model records every fill

    public static ulong StateHash(ReferenceOms model)
    {
        ulong sum = 0;
        foreach (ReferenceOms.Order o in model.Orders)
        {
            OrderView v = View(o);
            sum += Oms.Engine.StateHash.Order(in v);
        }

        foreach (ReferenceOms.Position p in model.Positions)
        {
            PositionView v = View(p);
            sum += Oms.Engine.StateHash.Position(in v);
        }

        return sum;
    }

    /// <summary>Compares the order a message names (by any id) and its positions; returns a difference or null.</summary>
    public static string? CompareTouched(OmsEngine engine, ReferenceOms model, in OmsMessage m)
    {
        foreach (IdToken id in (ReadOnlySpan<IdToken>)[m.ClOrdId, m.OrigClOrdId])
        {
            if (id.IsNone)
            {
                continue;
            }

            bool inEngine = engine.TryGetOrder(id, out OrderView e);
            ReferenceOms.Order? r = model.Find(id);
            if (inEngine != (r is not null))
            {
                return $"order {id}: engine has it={inEngine}, reference has it={r is not null}";
            }

            if (r is null)
            {
                continue;
            }

            OrderView rv = View(r) with { OrderId = e.OrderId };
            if (rv != e)
            {
                return $"order {id}:\n  engine    {e}\n  reference {rv}";
            }

            string? p = ComparePosition(engine, model, PositionOwner.Account, r.Account, r.Instrument)
                ?? ComparePosition(engine, model, PositionOwner.Strategy, r.Strategy, r.Instrument);
            if (p is not null)
            {
                return p;
            }
        }

        if (!m.VenueOrderId.IsNone)
        {
            bool inEngine = engine.TryGetOrderByVenueId(m.VenueId, m.VenueOrderId, out OrderView e);
            ReferenceOms.Order? r = model.FindByVenueId(m.VenueId, m.VenueOrderId);
            if (inEngine != (r is not null) || (r is not null && (View(r) with { OrderId = e.OrderId }) != e))
            {
                return $"venue {m.VenueId} order {m.VenueOrderId}: engine {e}, reference {(r is null ? "none" : View(r).ToString())}";
            }
        }

        return null;
    }

    private static string? ComparePosition(OmsEngine engine, ReferenceOms model, PositionOwner owner, int id, int instrument)
    {
        bool inEngine = engine.TryGetPosition(owner, id, instrument, out PositionView e);
        ReferenceOms.Position? r = model.FindPosition(owner, id, instrument);
        if (inEngine != (r is not null))
        {
            return $"position {owner} {id}/{instrument}: engine has it={inEngine}, reference={r is not null}";
        }

        return r is not null && View(r) != e ? $"position {owner} {id}/{instrument}:\n  engine    {e}\n  reference {View(r)}" : null;
    }

    public static BigInteger Sum(IEnumerable<BigInteger> values) => values.Aggregate(BigInteger.Zero, (a, b) => a + b);
}
