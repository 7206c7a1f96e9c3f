using Oms.Engine;

namespace Oms.Hosting;

public abstract partial class OmsStrategy
{
    /// <summary>Runs once on the strategy's thread before any event or timer.</summary>
    protected virtual void OnStart()
    {
    }

    /// <summary>Runs every <see cref="TimerInterval"/> (between event batches) until the host starts stopping.</summary>
    /// <param name="nowNanos">The host clock, nanoseconds since the Unix epoch.</param>
    protected virtual void OnTimer(long nowNanos)
    {
    }

    /// <summary>The host is stopping: new orders and replaces are refused from now on; cancel what should not rest.</summary>
    protected virtual void OnStopping()
    {
    }

    /// <summary>Runs once after the last event (the engine has stopped); nothing can be sent any more.</summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>Every event, in order. The default calls the typed callback of its kind; override to see all events (call the base to keep the typed ones).</summary>
    protected virtual void OnEvent(in OmsEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Submitted: OnSubmitted(in e); break;
            case EventKind.Denied: OnDenied(in e); break;
            case EventKind.Accepted: OnAccepted(in e); break;
            case EventKind.Rejected: OnRejected(in e); break;
            case EventKind.Filled: OnFill(in e); break;
            case EventKind.PendingCancel: OnPendingCancel(in e); break;
            case EventKind.Canceled: OnCanceled(in e); break;
            case EventKind.PendingReplace: OnPendingReplace(in e); break;
            case EventKind.Replaced: OnReplaced(in e); break;
            case EventKind.CancelRejected: OnCancelRejected(in e); break;
            case EventKind.ReplaceRejected: OnReplaceRejected(in e); break;
            case EventKind.Expired: OnExpired(in e); break;
            case EventKind.DoneForDay: OnDoneForDay(in e); break;
            case EventKind.Suspended: OnSuspended(in e); break;
            case EventKind.Restated: OnRestated(in e); break;
            case EventKind.TradeBusted: OnTradeBusted(in e); break;
            case EventKind.TradeCorrected: OnTradeCorrected(in e); break;
            case EventKind.RequestRefused: OnRequestRefused(in e); break;
            case EventKind.Anomaly: OnAnomaly(in e); break;
            case EventKind.MassCancelDone: OnMassCancelDone(in e); break;
            default: break;
        }
    }

    internal void Dispatch(in OmsEvent e) => OnEvent(in e);

    internal void RunStart() => OnStart();

    internal void RunTimer(long nowNanos) => OnTimer(nowNanos);

    internal void RunStopping() => OnStopping();

    internal void RunStopped() => OnStopped();

    internal TimeSpan ConfiguredTimerInterval => TimerInterval;

    /// <summary>The engine accepted a new order and sent it to the venue (status PendingNew).</summary>
    protected virtual void OnSubmitted(in OmsEvent e)
    {
    }

    /// <summary>The engine refused a new order before it left the firm; <see cref="OmsEvent.Reason"/> says why.</summary>
    protected virtual void OnDenied(in OmsEvent e)
    {
    }

    /// <summary>The venue acknowledged an order.</summary>
    protected virtual void OnAccepted(in OmsEvent e)
    {
    }

    /// <summary>The venue rejected an order (its own code in <see cref="OmsEvent.VenueReason"/>).</summary>
    protected virtual void OnRejected(in OmsEvent e)
    {
    }

    /// <summary>A fill: <see cref="OmsEvent.LastQty"/> at <see cref="OmsEvent.LastPx"/>; status, leaves and the position after it.</summary>
    protected virtual void OnFill(in OmsEvent e)
    {
    }

    /// <summary>A cancel request was sent, or the venue reports it pending.</summary>
    protected virtual void OnPendingCancel(in OmsEvent e)
    {
    }

    /// <summary>An order was canceled.</summary>
    protected virtual void OnCanceled(in OmsEvent e)
    {
    }

    /// <summary>A replace request was sent, or the venue reports it pending.</summary>
    protected virtual void OnPendingReplace(in OmsEvent e)
    {
    }

    /// <summary>A replace took effect: new ClOrdID, quantity and price.</summary>
    protected virtual void OnReplaced(in OmsEvent e)
    {
    }

    /// <summary>The venue rejected a cancel; the order is back in its previous state.</summary>
    protected virtual void OnCancelRejected(in OmsEvent e)
    {
    }

    /// <summary>The venue rejected a replace; the order is back in its previous state.</summary>
    protected virtual void OnReplaceRejected(in OmsEvent e)
    {
    }

    /// <summary>An order expired.</summary>
    protected virtual void OnExpired(in OmsEvent e)
    {
    }

    /// <summary>An order is done for the day.</summary>
    protected virtual void OnDoneForDay(in OmsEvent e)
    {
    }

    /// <summary>An order was suspended.</summary>
    protected virtual void OnSuspended(in OmsEvent e)
    {
    }

    /// <summary>The venue restated an order.</summary>
    protected virtual void OnRestated(in OmsEvent e)
    {
    }

    /// <summary>A fill was busted; the order and the position no longer include it.</summary>
    protected virtual void OnTradeBusted(in OmsEvent e)
    {
    }

    /// <summary>A fill was corrected.</summary>
    protected virtual void OnTradeCorrected(in OmsEvent e)
    {
    }

    /// <summary>The engine refused a cancel, replace or mass cancel; <see cref="OmsEvent.Reason"/> says why (for example <c>NotOwner</c>).</summary>
    protected virtual void OnRequestRefused(in OmsEvent e)
    {
    }

    /// <summary>Something in the input about one of this strategy's orders was wrong; <see cref="OmsEvent.Reason"/> says what.</summary>
    protected virtual void OnAnomaly(in OmsEvent e)
    {
    }

    /// <summary>A mass cancel finished; <see cref="OmsEvent.LastQty"/> holds how many cancels it sent.</summary>
    protected virtual void OnMassCancelDone(in OmsEvent e)
    {
    }
}
