using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Oms.Domain;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    /// <summary>
    /// Emits an event about an order row to its owner's stream: every field written in a local copy, then
    /// published into the stream's next slot in one burst (<see cref="EventStream.Publish"/>).
    /// </summary>
    [SkipLocalsInit] // the staged event is written whole below: zeroing it first would be wasted stores
    private void Emit(in OmsMessage m, int slot, EventKind kind, RejectReason reason,
        IdToken requestClOrdId = default, long lastQty = long.MinValue, long lastPx = long.MinValue)
    {
        if (!TryClaimEvent(StrategyOf(slot), out EventStream? stream, out long at, out long sequence))
        {
            return;
        }

        Unsafe.SkipInit(out OmsEvent e);
        Poison(ref e);
        e.Kind = kind;
        e.Reason = reason;
        e.Sequence = sequence;
        WriteRow(ref e, slot);
        WriteCause(ref e, in m);
        if (!requestClOrdId.IsNone)
        {
            e.RequestClOrdId = requestClOrdId;
        }

        if (lastQty != long.MinValue)
        {
            e.LastQty = lastQty;
            e.LastPx = lastPx;
        }

        stream.Publish(at, in e);
    }

    /// <summary>Emits a refusal for a command that has no row (or whose row is not the sender's) to the sender.</summary>
    private void EmitWithoutRow(in OmsMessage m, EventKind kind, RejectReason reason)
    {
        if (!TryClaimEvent(m.StrategyId, out EventStream? stream, out long at, out long sequence))
        {
            return;
        }

        OmsEvent e = default;
        e.Kind = kind;
        e.Reason = reason;
        e.Sequence = sequence;
        e.Status = kind == EventKind.Denied ? OrderStatus.Denied : OrderStatus.None;
        e.Side = m.Side;
        e.StrategyId = m.StrategyId;
        e.AccountId = m.AccountId;
        e.InstrumentId = m.InstrumentId;
        e.VenueId = m.VenueId;
        e.ClOrdId = m.Kind == MessageKind.NewOrder ? m.ClOrdId : m.OrigClOrdId;
        e.OrderQty = m.OrderQty;
        e.Price = m.Price;
        WriteCause(ref e, in m);
        stream.Publish(at, in e);
    }

    /// <summary>Fills a staged event with <see cref="EventPoison"/> when the checks are on; nothing otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Poison(ref OmsEvent e)
    {
        if (Checks.Enabled)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.As<OmsEvent, byte>(ref e), EventPoison, (uint)Unsafe.SizeOf<OmsEvent>());
        }
    }

    /// <summary>Writes every field an event takes from the order row: identity, state, and the strategy's position.</summary>
    private void WriteRow(ref OmsEvent e, int slot)
    {
        var o = _orders;
        e.Status = o.Flags[slot].Status;
        e.Side = o.Flags[slot].Side;
        e.StrategyId = StrategyOf(slot);
        e.AccountId = AccountOf(slot);
        e.InstrumentId = InstrumentOf(slot);
        e.VenueId = o.Flags[slot].Venue;
        e.OrderId = o.IdOf(slot);
        e.ClOrdId = o.ClOrdId[slot];
        e.OrderQty = o.Quantities[slot].OrderQty;
        e.Price = o.Price[slot];
        e.CumQty = o.Quantities[slot].CumQty;
        e.LeavesQty = LeavesOf(slot);
        e.AvgPx = FixedPoint.AveragePrice(o.Notional[slot], o.Quantities[slot].CumQty);
        int row = o.Positions[slot].Strategy;
        if (row >= 0)
        {
            e.PositionNetQty = _positions.NetQtyOf(row);
            e.PositionAvgCost = _positions.AverageCost(row);
            e.PositionRealizedPnl = _positions.RealizedOf(row);
        }
        else
        {
            e.PositionNetQty = 0;
            e.PositionAvgCost = 0;
            e.PositionRealizedPnl = Int128.Zero;
        }
    }

    /// <summary>The strategy that owns order row <paramref name="slot"/>.</summary>
    /// <remarks>
    /// These three owner lookups read the order's position rows, which hold the same ids (a position row is
    /// keyed by owner and instrument and never changes its key), rather than the order table's columns. The
    /// position table has a few rows and stays cached, while in a large order table each column is one more
    /// line to fetch from memory for every report. An order without position rows (refused before they were
    /// made) reads the columns.
    /// </remarks>
    private int StrategyOf(int slot)
    {
        int row = _orders.Positions[slot].Strategy;
        return row >= 0 ? _positions.OwnerIdOf(row) : _orders.Strategy[slot];
    }

    /// <summary>The account of order row <paramref name="slot"/> (see <see cref="StrategyOf"/>).</summary>
    private int AccountOf(int slot)
    {
        int row = _orders.Positions[slot].Account;
        return row >= 0 ? _positions.OwnerIdOf(row) : _orders.Account[slot];
    }

    /// <summary>The instrument of order row <paramref name="slot"/> (see <see cref="StrategyOf"/>).</summary>
    private int InstrumentOf(int slot)
    {
        int row = _orders.Positions[slot].Account;
        return row >= 0 ? _positions.InstrumentOf(row) : _orders.Instrument[slot];
    }

    /// <summary>Writes every field an event takes from the message that caused it.</summary>
    private void WriteCause(ref OmsEvent e, in OmsMessage m)
    {
        e.Cause = m.Kind;
        e.CauseExecType = m.ExecType;
        e.VenueReason = m.VenueReason;
        e.Timestamp = m.Timestamp;
        e.InputSequence = _counters.MessagesValue - 1; // the message being applied
        e.RequestClOrdId = m.ClOrdId;
        e.ExecId = m.ExecId;
        e.LastQty = m.LastQty;
        e.LastPx = m.LastPx;
    }

    /// <summary>
    /// Takes the strategy's next event sequence number and claims the slot on its stream for it. False when
    /// the event cannot be delivered — no stream open (replays, tools), or the stream full — in which case it
    /// is counted as dropped and its sequence number is still used, so the consumer sees the gap and knows to
    /// resynchronise. An id outside the table is counted as dropped and uses no number.
    /// </summary>
    /// <param name="strategyId">The stream's strategy.</param>
    /// <param name="stream">The stream, when claimed.</param>
    /// <param name="at">The claimed slot's position, for <see cref="EventStream.Publish"/>.</param>
    /// <param name="sequence">The event's number in the strategy's stream (<see cref="OmsEvent.Sequence"/>).</param>
    private bool TryClaimEvent(int strategyId, [NotNullWhen(true)] out EventStream? stream, out long at, out long sequence)
    {
        if ((uint)strategyId >= (uint)_strategySequence.Length)
        {
            stream = null;
            at = 0;
            sequence = 0;
            _counters.DroppedEventsValue++;
            return false;
        }

        sequence = ++_strategySequence[strategyId];
        stream = _strategyStreams[strategyId];
        if (stream is null || !stream.TryClaim(out at))
        {
            at = 0;
            _counters.DroppedEventsValue++;
            return false;
        }

        return true;
    }

    /// <summary>A message that changes nothing: counted as ignored, and raised as an anomaly.</summary>
    private void Ignore(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.IgnoredValue++;
        RaiseAnomaly(in m, slot, reason);
    }

    /// <summary>An anomaly: counted, sent to the operator's stream, and to the owner's stream when the order is known.</summary>
    private void RaiseAnomaly(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.Count(reason);
        PublishAnomaly(in m, slot, reason);
        if (slot >= 0)
        {
            Emit(in m, slot, EventKind.Anomaly, reason);
        }
    }

    [SkipLocalsInit] // as Emit's
    private void PublishAnomaly(in OmsMessage m, int slot, RejectReason reason)
    {
        _counters.AnomaliesValue++;
        ++_anomalySequence;
        if (!_anomalies.TryClaim(out long at))
        {
            _counters.DroppedEventsValue++;
            return;
        }

        Unsafe.SkipInit(out OmsEvent e);
        Poison(ref e);
        if (slot >= 0)
        {
            WriteRow(ref e, slot);
        }
        else
        {
            e = default;
            e.StrategyId = m.StrategyId;
            e.Side = m.Side;
            e.ClOrdId = m.ClOrdId;
        }

        e.Kind = EventKind.Anomaly;
        e.Reason = reason;
        e.Sequence = _anomalySequence;
        WriteCause(ref e, in m);
        _anomalies.Publish(at, in e);
    }
}
