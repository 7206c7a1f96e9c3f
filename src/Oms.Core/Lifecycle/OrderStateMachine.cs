using Oms.Domain;
using Oms.Engine;

namespace Oms.Lifecycle;

/// <summary>One row of the transition table: what to do, the status to move to, and why when refused.</summary>
/// <param name="Action">What the engine does.</param>
/// <param name="Target">The status for <see cref="TransitionAction.Move"/> (otherwise None: the action derives it).</param>
/// <param name="Reason">Why, for Invalid, Stale and refused requests.</param>
public readonly record struct Transition(TransitionAction Action, OrderStatus Target, RejectReason Reason);

/// <summary>
/// The order lifecycle as one exhaustive table over (status, event), FIX 4.4 semantics plus the local
/// Denied status. Every pair not listed is <see cref="TransitionAction.Invalid"/>: refused, state untouched.
/// </summary>
/// <remarks>
/// Working = New or PartiallyFilled. Live = working, PendingNew, PendingCancel, PendingReplace, Suspended,
/// DoneForDay. Only one cancel or replace is in flight per order at a time. Replaced is never held by a row
/// (a chain lives in one row), so it has no rows of its own. Denied orders never reached a venue: every
/// report for one is invalid.
/// </remarks>
public static class OrderStateMachine
{
    private static Transition Go(OrderStatus to) => new(TransitionAction.Move, to, RejectReason.None);
    private static Transition Do(TransitionAction action) => new(action, OrderStatus.None, RejectReason.None);
    private static Transition No(RejectReason reason) => new(TransitionAction.Invalid, OrderStatus.None, reason);
    private static readonly Transition s_invalid = No(RejectReason.InvalidTransition);
    private static readonly Transition s_stale = new(TransitionAction.Stale, OrderStatus.None, RejectReason.StaleReport);
    private static readonly Transition s_confirm = Do(TransitionAction.Confirm);

    private const int Events = (int)LifecycleEvent.ReplaceReject + 1;
    private const int Statuses = 128; // every OrderStatus is a 7-bit FIX character (or 0)

    // The switch below, evaluated once for every (status, event) pair: the engine looks rows up by index
    // instead of running the pattern match per report. Decide stays the one source of truth.
    private static readonly Transition[] s_table = BuildTable();

    /// <summary>The transition for <paramref name="status"/> on <paramref name="lifecycleEvent"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Transition Transition(OrderStatus status, LifecycleEvent lifecycleEvent)
    {
        uint index = ((uint)status * Events) + (uint)lifecycleEvent;
        Transition[] table = s_table;
        return (uint)lifecycleEvent < Events && index < (uint)table.Length ? table[index] : Decide(status, lifecycleEvent);
    }

    private static Transition[] BuildTable()
    {
        var table = new Transition[Statuses * Events];
        for (int s = 0; s < Statuses; s++)
        {
            for (int e = 0; e < Events; e++)
            {
                table[(s * Events) + e] = Decide((OrderStatus)s, (LifecycleEvent)e);
            }
        }

        return table;
    }

    private static Transition Decide(OrderStatus status, LifecycleEvent lifecycleEvent) => (status, lifecycleEvent) switch
    {
        // Local requests.
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Suspended
            or OrderStatus.DoneForDay, LifecycleEvent.CancelRequest) => Do(TransitionAction.BeginCancel),
        (OrderStatus.PendingCancel or OrderStatus.PendingReplace, LifecycleEvent.CancelRequest) => No(RejectReason.RequestInFlight),
        (_, LifecycleEvent.CancelRequest) => No(RejectReason.OrderNotLive),
        (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Suspended, LifecycleEvent.ReplaceRequest) => Do(TransitionAction.BeginReplace),
        // Replacing an order the venue has not acknowledged races its ack: refuse, as most venues do.
        (OrderStatus.PendingNew, LifecycleEvent.ReplaceRequest) => No(RejectReason.NotAcknowledged),
        (OrderStatus.PendingCancel or OrderStatus.PendingReplace, LifecycleEvent.ReplaceRequest) => No(RejectReason.RequestInFlight),
        (_, LifecycleEvent.ReplaceRequest) => No(RejectReason.OrderNotLive),

        (OrderStatus.Denied, _) => s_invalid,

        // Acknowledgements.
        (OrderStatus.PendingNew, LifecycleEvent.PendingNew) => s_confirm,
        (OrderStatus.PendingCancel or OrderStatus.PendingReplace, LifecycleEvent.PendingNew) => s_confirm,
        (_, LifecycleEvent.PendingNew) => s_stale,
        (OrderStatus.PendingNew, LifecycleEvent.New) => Do(TransitionAction.Work),
        (OrderStatus.PendingCancel or OrderStatus.PendingReplace, LifecycleEvent.New) => Do(TransitionAction.AckWhilePending),
        // A late ack after fills, a cancel or an expiry is normal when reports cross on the wire.
        (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Canceled
            or OrderStatus.Expired or OrderStatus.DoneForDay or OrderStatus.Suspended, LifecycleEvent.New) => s_confirm,
        (OrderStatus.Rejected, LifecycleEvent.New) => s_invalid,

        // Fills.
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Suspended
            or OrderStatus.DoneForDay, LifecycleEvent.Trade) => Do(TransitionAction.Fill),
        // An overfill: applied (money moved at the venue) and flagged by the engine.
        (OrderStatus.Filled, LifecycleEvent.Trade) => Do(TransitionAction.Fill),
        (OrderStatus.PendingCancel or OrderStatus.PendingReplace, LifecycleEvent.Trade) => Do(TransitionAction.FillWhilePending),
        // The fill happened at the venue before the cancel or expiry: apply it, keep the terminal status.
        (OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected, LifecycleEvent.Trade) => Do(TransitionAction.FillLate),

        // Cancels.
        (OrderStatus.PendingCancel, LifecycleEvent.PendingCancel) => s_confirm,
        // Unsolicited pending cancel (another session or the venue's operator): track it.
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled, LifecycleEvent.PendingCancel) => Do(TransitionAction.BeginCancel),
        (OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired, LifecycleEvent.PendingCancel) => s_stale,
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.PendingCancel
            or OrderStatus.PendingReplace or OrderStatus.Suspended or OrderStatus.DoneForDay, LifecycleEvent.Canceled) => Go(OrderStatus.Canceled),
        (OrderStatus.Canceled, LifecycleEvent.Canceled) => s_confirm,
        (OrderStatus.Filled or OrderStatus.Expired, LifecycleEvent.Canceled) => s_stale,

        // Replaces.
        (OrderStatus.PendingReplace, LifecycleEvent.PendingReplace) => s_confirm,
        (OrderStatus.PendingReplace, LifecycleEvent.Replaced) => Do(TransitionAction.CompleteReplace),
        // Filled while the replace was in flight, then the venue applied the replace (e.g. a larger
        // quantity): the order is live again. The engine checks a replace is really pending.
        (OrderStatus.Filled, LifecycleEvent.Replaced) => Do(TransitionAction.CompleteReplace),

        // Venue outcomes.
        (OrderStatus.PendingNew, LifecycleEvent.Rejected) => Go(OrderStatus.Rejected),
        (OrderStatus.PendingCancel, LifecycleEvent.Rejected) => Go(OrderStatus.Rejected),
        (OrderStatus.Rejected, LifecycleEvent.Rejected) => s_confirm,
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.PendingCancel
            or OrderStatus.PendingReplace or OrderStatus.Suspended or OrderStatus.DoneForDay, LifecycleEvent.Expired) => Go(OrderStatus.Expired),
        (OrderStatus.Expired, LifecycleEvent.Expired) => s_confirm,
        (OrderStatus.Canceled or OrderStatus.Filled, LifecycleEvent.Expired) => s_stale,
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled, LifecycleEvent.DoneForDay) => Go(OrderStatus.DoneForDay),
        (OrderStatus.DoneForDay, LifecycleEvent.DoneForDay) => s_confirm,
        (OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired, LifecycleEvent.DoneForDay) => s_stale,
        (OrderStatus.New or OrderStatus.PartiallyFilled, LifecycleEvent.Suspended) => Go(OrderStatus.Suspended),
        (OrderStatus.Suspended, LifecycleEvent.Suspended) => s_confirm,
        (OrderStatus.PendingNew or OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Suspended
            or OrderStatus.DoneForDay, LifecycleEvent.Restated) => Do(TransitionAction.Restate),

        // Busts and corrections: wherever fills can exist (New too: every fill of it may have been busted).
        (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.PendingCancel or OrderStatus.PendingReplace
            or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.DoneForDay or OrderStatus.Suspended
            or OrderStatus.Rejected, LifecycleEvent.TradeCancel) => Do(TransitionAction.Bust),
        (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.PendingCancel or OrderStatus.PendingReplace
            or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.DoneForDay or OrderStatus.Suspended
            or OrderStatus.Rejected, LifecycleEvent.TradeCorrect) => Do(TransitionAction.Correct),

        // Informational reports.
        (_, LifecycleEvent.OrderStatus or LifecycleEvent.Calculated) => s_confirm,
        (OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.PendingCancel or OrderStatus.PendingReplace,
            LifecycleEvent.Stopped) => s_confirm,

        // Cancel rejects.
        (OrderStatus.PendingCancel, LifecycleEvent.CancelReject) => Do(TransitionAction.RestorePrevious),
        // The order filled or was canceled by the venue while our request crossed it: nothing to restore.
        (OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected or OrderStatus.New
            or OrderStatus.PartiallyFilled or OrderStatus.DoneForDay or OrderStatus.Suspended, LifecycleEvent.CancelReject)
            => Do(TransitionAction.DropPending),
        (OrderStatus.PendingReplace, LifecycleEvent.ReplaceReject) => Do(TransitionAction.RestorePrevious),
        (OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.New or OrderStatus.PartiallyFilled
            or OrderStatus.DoneForDay or OrderStatus.Suspended, LifecycleEvent.ReplaceReject) => Do(TransitionAction.DropPending),

        _ => s_invalid,
    };

    /// <summary>The lifecycle event an execution type stands for.</summary>
    public static bool TryMap(ExecType execType, out LifecycleEvent lifecycleEvent)
    {
        lifecycleEvent = execType switch
        {
            ExecType.PendingNew => LifecycleEvent.PendingNew,
            ExecType.New => LifecycleEvent.New,
            ExecType.Trade => LifecycleEvent.Trade,
            ExecType.PendingCancel => LifecycleEvent.PendingCancel,
            ExecType.Canceled => LifecycleEvent.Canceled,
            ExecType.PendingReplace => LifecycleEvent.PendingReplace,
            ExecType.Replaced => LifecycleEvent.Replaced,
            ExecType.Rejected => LifecycleEvent.Rejected,
            ExecType.Expired => LifecycleEvent.Expired,
            ExecType.DoneForDay => LifecycleEvent.DoneForDay,
            ExecType.Suspended => LifecycleEvent.Suspended,
            ExecType.Restated => LifecycleEvent.Restated,
            ExecType.TradeCancel => LifecycleEvent.TradeCancel,
            ExecType.TradeCorrect => LifecycleEvent.TradeCorrect,
            ExecType.OrderStatus => LifecycleEvent.OrderStatus,
            ExecType.Stopped => LifecycleEvent.Stopped,
            ExecType.Calculated => LifecycleEvent.Calculated,
            _ => (LifecycleEvent)255,
        };
        return lifecycleEvent != (LifecycleEvent)255;
    }
}
