namespace Oms.Lifecycle;

/// <summary>The events of the order lifecycle: local requests, every FIX 4.4 ExecType, and cancel rejects.</summary>
public enum LifecycleEvent : byte
{
    /// <summary>The strategy asks to cancel.</summary>
    CancelRequest,
    /// <summary>The strategy asks to cancel/replace.</summary>
    ReplaceRequest,
    /// <summary>ExecType A.</summary>
    PendingNew,
    /// <summary>ExecType 0.</summary>
    New,
    /// <summary>ExecType F.</summary>
    Trade,
    /// <summary>ExecType 6.</summary>
    PendingCancel,
    /// <summary>ExecType 4.</summary>
    Canceled,
    /// <summary>ExecType E.</summary>
    PendingReplace,
    /// <summary>ExecType 5.</summary>
    Replaced,
    /// <summary>ExecType 8.</summary>
    Rejected,
    /// <summary>ExecType C.</summary>
    Expired,
    /// <summary>ExecType 3.</summary>
    DoneForDay,
    /// <summary>ExecType 9.</summary>
    Suspended,
    /// <summary>ExecType D.</summary>
    Restated,
    /// <summary>ExecType H.</summary>
    TradeCancel,
    /// <summary>ExecType G.</summary>
    TradeCorrect,
    /// <summary>ExecType I.</summary>
    OrderStatus,
    /// <summary>ExecType 7.</summary>
    Stopped,
    /// <summary>ExecType B.</summary>
    Calculated,
    /// <summary>OrderCancelReject answering a cancel (434=1).</summary>
    CancelReject,
    /// <summary>OrderCancelReject answering a cancel/replace (434=2).</summary>
    ReplaceReject,
}

/// <summary>What the engine does for a (state, event) pair.</summary>
public enum TransitionAction : byte
{
    /// <summary>Unlisted pair: refused, state untouched, an anomaly (or a refusal, for requests) emitted.</summary>
    Invalid,
    /// <summary>An expected echo (a confirmation, a late acknowledgement, a status report): no change.</summary>
    Confirm,
    /// <summary>A report older than the state (out of order): no change, counted and flagged.</summary>
    Stale,
    /// <summary>Move to the row's target status.</summary>
    Move,
    /// <summary>Move to the working status the fills imply (New, PartiallyFilled or Filled).</summary>
    Work,
    /// <summary>A venue acknowledgement while a cancel/replace is pending: the status to restore becomes working.</summary>
    AckWhilePending,
    /// <summary>Apply a fill; the status becomes what the fills imply.</summary>
    Fill,
    /// <summary>Apply a fill; a pending request stays pending unless the order is now fully filled.</summary>
    FillWhilePending,
    /// <summary>Apply a fill to a terminal order; its status does not change (the fill happened before).</summary>
    FillLate,
    /// <summary>Start a cancel: save the status, go to PendingCancel, send the cancel.</summary>
    BeginCancel,
    /// <summary>Start a replace: save the status, go to PendingReplace, send the replace.</summary>
    BeginReplace,
    /// <summary>The replace took effect: new ClOrdID, quantity and price.</summary>
    CompleteReplace,
    /// <summary>The pending request was rejected: restore the saved status (adjusted for fills meanwhile).</summary>
    RestorePrevious,
    /// <summary>A reject arrived after the order moved on: drop the pending request, keep the status.</summary>
    DropPending,
    /// <summary>Reverse the fill named by ExecRefID.</summary>
    Bust,
    /// <summary>Replace the fill named by ExecRefID with this report's.</summary>
    Correct,
    /// <summary>Apply the venue's restated quantity and price.</summary>
    Restate,
}
