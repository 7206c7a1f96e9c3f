using Oms.Domain;
using Oms.Engine;
using Oms.Gateway;
using Oms.Ring;

namespace Oms.Hosting.Tests.Support;

/// <summary>
/// A minimal venue for host tests: acknowledges every new order, fills it in full at its limit price when
/// <see cref="FillPolicy"/> says so (IOC orders that are not filled are canceled), rests the others, and answers
/// cancels and replaces of resting orders (a cancel reject when the order is gone). Stamps reports with the
/// host clock it is given.
/// </summary>
internal sealed class LoopbackGateway(OmsEngine engine, int venueId) : IVenueGateway
{
    private readonly SpscQueue<VenueCommand> _queue = engine.VenueQueue(venueId);
    private readonly MpscRing<OmsMessage> _ring = engine.Inbound;
    private readonly Dictionary<IdToken, VenueCommand> _resting = [];
    private long _ids;
    private long _published;
    private long _commands;

    public int VenueId => venueId;

    /// <summary>Which new orders fill at once (default: every one).</summary>
    public Func<VenueCommand, bool> FillPolicy { get; init; } = _ => true;

    /// <summary>Which new orders the venue rejects (default: none).</summary>
    public Func<VenueCommand, bool> RejectPolicy { get; init; } = _ => false;

    /// <summary>Which filled orders fill in two halves instead of one (default: none).</summary>
    public Func<VenueCommand, bool> SplitPolicy { get; init; } = _ => false;

    /// <summary>When set, the next DoWork throws (a failing gateway).</summary>
    public volatile bool Explode = false;

    /// <summary>Reports published into the ring.</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Commands taken off the venue queue.</summary>
    public long Commands => Volatile.Read(ref _commands);

    private readonly List<VenueCommand> _received = [];

    /// <summary>Every command received so far, in order (a copy; safe from any thread).</summary>
    public List<VenueCommand> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public int DoWork(long nowNanos)
    {
        if (Explode)
        {
            throw new InvalidOperationException("loopback gateway told to fail");
        }

        int work = 0;
        while (work < 64 && _queue.TryRead(out VenueCommand c))
        {
            work++;
            Volatile.Write(ref _commands, _commands + 1);
            lock (_received)
            {
                _received.Add(c);
            }

            Answer(in c, nowNanos);
        }

        return work;
    }

    private void Answer(in VenueCommand c, long now)
    {
        switch (c.Kind)
        {
            case VenueCommandKind.New when RejectPolicy(c):
                Report(ExecType.Rejected, c.ClOrdId, IdToken.None, now, 0, 0);
                break;
            case VenueCommandKind.New:
                Report(ExecType.New, c.ClOrdId, IdToken.None, now, 0, 0);
                if (FillPolicy(c) && SplitPolicy(c))
                {
                    Report(ExecType.Trade, c.ClOrdId, IdToken.None, now, c.OrderQty / 2, c.Price);
                    Report(ExecType.Trade, c.ClOrdId, IdToken.None, now, c.OrderQty - (c.OrderQty / 2), c.Price);
                }
                else if (FillPolicy(c))
                {
                    Report(ExecType.Trade, c.ClOrdId, IdToken.None, now, c.OrderQty, c.Price);
                }
                else if (c.TimeInForce == TimeInForce.ImmediateOrCancel)
                {
                    Report(ExecType.Canceled, c.ClOrdId, IdToken.None, now, 0, 0);
                }
                else
                {
                    _resting[c.ClOrdId] = c;
                }

                break;
            case VenueCommandKind.Cancel when _resting.Remove(c.OrigClOrdId):
                Report(ExecType.Canceled, c.ClOrdId, c.OrigClOrdId, now, 0, 0);
                break;
            case VenueCommandKind.Replace when _resting.Remove(c.OrigClOrdId):
                _resting[c.ClOrdId] = c;
                Report(ExecType.Replaced, c.ClOrdId, c.OrigClOrdId, now, 0, 0);
                break;
            default:
                Publish(new OmsMessage
                {
                    Kind = MessageKind.CancelReject,
                    VenueId = venueId,
                    ClOrdId = c.ClOrdId,
                    OrigClOrdId = c.OrigClOrdId,
                    CxlRejResponseTo = c.Kind == VenueCommandKind.Replace ? CxlRejResponseTo.ReplaceRequest : CxlRejResponseTo.CancelRequest,
                    Timestamp = now,
                });
                break;
        }
    }

    private void Report(ExecType type, IdToken clOrdId, IdToken orig, long now, long lastQty, long lastPx) => Publish(new OmsMessage
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = venueId,
        ExecType = type,
        ClOrdId = clOrdId,
        OrigClOrdId = orig,
        ExecId = IdToken.ForStrategy(0xFFFF00 + venueId, ++_ids),
        LastQty = lastQty,
        LastPx = lastPx,
        Timestamp = now,
    });

    private void Publish(in OmsMessage m)
    {
        // Back-pressure: wait for the engine rather than drop a report.
        while (!_ring.TryPublish(in m))
        {
            Thread.Yield();
        }

        Volatile.Write(ref _published, _published + 1);
    }
}
