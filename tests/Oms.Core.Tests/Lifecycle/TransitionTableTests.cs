using Oms.Domain;
using Oms.Engine;
using Oms.Lifecycle;
using static Oms.Domain.OrderStatus;
using A = Oms.Lifecycle.TransitionAction;
using E = Oms.Lifecycle.LifecycleEvent;

namespace Oms.Tests.Lifecycle;

/// <summary>
/// The transition table, written out a second time by hand: every explicit row of
/// <see cref="OrderStateMachine.Transition"/> with its expected outcome, and a sweep proving every other pair
/// is refused, so a row added to (or dropped from) the table without a test here fails.
/// </summary>
public sealed class TransitionTableTests
{
    private static readonly OrderStatus[] s_allStatuses =
        [.. Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.None && !IsVenueOnly(s))];

    /// <summary>OrdStatus values decoded from venue reports that no order row ever holds.</summary>
    internal static bool IsVenueOnly(OrderStatus s) => s is OrderStatus.Stopped or OrderStatus.Calculated or OrderStatus.AcceptedForBidding;

    private static readonly OrderStatus[] s_terminal = [Filled, Canceled, Rejected, Expired, Denied];

    private static readonly Transition s_invalid = new(A.Invalid, None, RejectReason.InvalidTransition);

    /// <summary>The expected table: every listed (status, event) pair. Anything absent is Invalid/InvalidTransition.</summary>
    private static readonly Dictionary<(OrderStatus, LifecycleEvent), Transition> s_expected = BuildExpected();

    private static Dictionary<(OrderStatus, LifecycleEvent), Transition> BuildExpected()
    {
        var t = new Dictionary<(OrderStatus, LifecycleEvent), Transition>();

        void Rows(LifecycleEvent ev, Transition outcome, params OrderStatus[] statuses)
        {
            foreach (OrderStatus s in statuses)
            {
                t.Add((s, ev), outcome);
            }
        }

        static Transition Do(A action) => new(action, None, RejectReason.None);
        static Transition Go(OrderStatus target) => new(A.Move, target, RejectReason.None);
        static Transition No(RejectReason reason) => new(A.Invalid, None, reason);
        Transition confirm = Do(A.Confirm);
        var stale = new Transition(A.Stale, None, RejectReason.StaleReport);

        // Local requests.
        Rows(E.CancelRequest, Do(A.BeginCancel), PendingNew, New, PartiallyFilled, Suspended, DoneForDay);
        Rows(E.CancelRequest, No(RejectReason.RequestInFlight), PendingCancel, PendingReplace);
        Rows(E.CancelRequest, No(RejectReason.OrderNotLive), Filled, Canceled, Replaced, Rejected, Expired, Denied);
        Rows(E.ReplaceRequest, Do(A.BeginReplace), New, PartiallyFilled, Suspended);
        Rows(E.ReplaceRequest, No(RejectReason.NotAcknowledged), PendingNew);
        Rows(E.ReplaceRequest, No(RejectReason.RequestInFlight), PendingCancel, PendingReplace);
        Rows(E.ReplaceRequest, No(RejectReason.OrderNotLive), DoneForDay, Filled, Canceled, Replaced, Rejected, Expired, Denied);

        // Acknowledgements.
        Rows(E.PendingNew, confirm, PendingNew, PendingCancel, PendingReplace);
        Rows(E.PendingNew, stale, New, PartiallyFilled, Filled, DoneForDay, Canceled, Replaced, Rejected, Suspended, Expired);
        Rows(E.New, Do(A.Work), PendingNew);
        Rows(E.New, Do(A.AckWhilePending), PendingCancel, PendingReplace);
        Rows(E.New, confirm, New, PartiallyFilled, Filled, Canceled, Expired, DoneForDay, Suspended);
        Rows(E.New, s_invalid, Rejected);

        // Fills.
        Rows(E.Trade, Do(A.Fill), PendingNew, New, PartiallyFilled, Suspended, DoneForDay, Filled);
        Rows(E.Trade, Do(A.FillWhilePending), PendingCancel, PendingReplace);
        Rows(E.Trade, Do(A.FillLate), Canceled, Expired, Rejected);

        // Cancels.
        Rows(E.PendingCancel, confirm, PendingCancel);
        Rows(E.PendingCancel, Do(A.BeginCancel), PendingNew, New, PartiallyFilled);
        Rows(E.PendingCancel, stale, Filled, Canceled, Expired);
        Rows(E.Canceled, Go(Canceled), PendingNew, New, PartiallyFilled, PendingCancel, PendingReplace, Suspended, DoneForDay);
        Rows(E.Canceled, confirm, Canceled);
        Rows(E.Canceled, stale, Filled, Expired);

        // Replaces.
        Rows(E.PendingReplace, confirm, PendingReplace);
        Rows(E.Replaced, Do(A.CompleteReplace), PendingReplace, Filled);

        // Venue outcomes.
        Rows(E.Rejected, Go(Rejected), PendingNew, PendingCancel);
        Rows(E.Rejected, confirm, Rejected);
        Rows(E.Expired, Go(Expired), PendingNew, New, PartiallyFilled, PendingCancel, PendingReplace, Suspended, DoneForDay);
        Rows(E.Expired, confirm, Expired);
        Rows(E.Expired, stale, Canceled, Filled);
        Rows(E.DoneForDay, Go(DoneForDay), PendingNew, New, PartiallyFilled);
        Rows(E.DoneForDay, confirm, DoneForDay);
        Rows(E.DoneForDay, stale, Filled, Canceled, Expired);
        Rows(E.Suspended, Go(Suspended), New, PartiallyFilled);
        Rows(E.Suspended, confirm, Suspended);
        Rows(E.Restated, Do(A.Restate), PendingNew, New, PartiallyFilled, Suspended, DoneForDay);

        // Busts and corrections.
        OrderStatus[] withFills =
            [New, PartiallyFilled, Filled, PendingCancel, PendingReplace, Canceled, Expired, DoneForDay, Suspended, Rejected];
        Rows(E.TradeCancel, Do(A.Bust), withFills);
        Rows(E.TradeCorrect, Do(A.Correct), withFills);

        // Informational reports: every status but Denied.
        OrderStatus[] allButDenied =
            [PendingNew, New, PartiallyFilled, Filled, DoneForDay, Canceled, Replaced, PendingCancel, Rejected, Suspended, Expired, PendingReplace];
        Rows(E.OrderStatus, confirm, allButDenied);
        Rows(E.Calculated, confirm, allButDenied);
        Rows(E.Stopped, confirm, New, PartiallyFilled, PendingCancel, PendingReplace);

        // Cancel rejects.
        Rows(E.CancelReject, Do(A.RestorePrevious), PendingCancel);
        Rows(E.CancelReject, Do(A.DropPending), Filled, Canceled, Expired, Rejected, New, PartiallyFilled, DoneForDay, Suspended);
        Rows(E.ReplaceReject, Do(A.RestorePrevious), PendingReplace);
        Rows(E.ReplaceReject, Do(A.DropPending), Filled, Canceled, Expired, New, PartiallyFilled, DoneForDay, Suspended);

        return t;
    }

    public static TheoryData<OrderStatus, LifecycleEvent, TransitionAction, OrderStatus, RejectReason> ListedRows()
    {
        var data = new TheoryData<OrderStatus, LifecycleEvent, TransitionAction, OrderStatus, RejectReason>();
        foreach (var ((status, ev), t) in s_expected)
        {
            data.Add(status, ev, t.Action, t.Target, t.Reason);
        }

        return data;
    }

    private static readonly (ExecType ExecType, LifecycleEvent Event)[] s_execTypeMap =
    [
        (ExecType.PendingNew, E.PendingNew),
        (ExecType.New, E.New),
        (ExecType.Trade, E.Trade),
        (ExecType.PendingCancel, E.PendingCancel),
        (ExecType.Canceled, E.Canceled),
        (ExecType.PendingReplace, E.PendingReplace),
        (ExecType.Replaced, E.Replaced),
        (ExecType.Rejected, E.Rejected),
        (ExecType.Expired, E.Expired),
        (ExecType.DoneForDay, E.DoneForDay),
        (ExecType.Suspended, E.Suspended),
        (ExecType.Restated, E.Restated),
        (ExecType.TradeCancel, E.TradeCancel),
        (ExecType.TradeCorrect, E.TradeCorrect),
        (ExecType.OrderStatus, E.OrderStatus),
        (ExecType.Stopped, E.Stopped),
        (ExecType.Calculated, E.Calculated),
    ];

    public static TheoryData<ExecType, LifecycleEvent> ExecTypeMappings()
    {
        var data = new TheoryData<ExecType, LifecycleEvent>();
        foreach (var (execType, ev) in s_execTypeMap)
        {
            data.Add(execType, ev);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ListedRows))]
    public void Transition_ListedRow_MatchesExpectedTable(
        OrderStatus status, LifecycleEvent ev, TransitionAction action, OrderStatus target, RejectReason reason)
    {
        Transition actual = OrderStateMachine.Transition(status, ev);

        Assert.Equal(new Transition(action, target, reason), actual);
    }

    [Fact]
    public void Transition_EveryUnlistedPair_IsInvalidTransition()
    {
        var unexpected = new List<string>();
        foreach (OrderStatus status in s_allStatuses)
        {
            foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
            {
                if (s_expected.ContainsKey((status, ev)))
                {
                    continue;
                }

                Transition actual = OrderStateMachine.Transition(status, ev);
                if (actual != s_invalid)
                {
                    unexpected.Add($"({status}, {ev}) => {actual}");
                }
            }
        }

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Transition_ExpectedTable_CoversOnlyRealStatusesAndEvents()
    {
        // Guards the sweep above: the expected table names no status or event outside the enums' values.
        Assert.All(s_expected.Keys, k =>
        {
            Assert.Contains(k.Item1, s_allStatuses);
            Assert.True(Enum.IsDefined(k.Item2));
        });
        Assert.Equal(13, s_allStatuses.Length);
        Assert.Equal(21, Enum.GetValues<LifecycleEvent>().Length);
    }

    [Fact]
    public void Transition_NonMoveRows_HaveNoTarget_AndOnlyRefusalsHaveReasons()
    {
        foreach (OrderStatus status in s_allStatuses)
        {
            foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
            {
                Transition t = OrderStateMachine.Transition(status, ev);
                if (t.Action != A.Move)
                {
                    Assert.Equal(None, t.Target);
                }

                bool refusal = t.Action is A.Invalid or A.Stale;
                Assert.Equal(refusal, t.Reason != RejectReason.None);
            }
        }
    }

    [Fact]
    public void Transition_MoveTargets_AreOnlyVenueOutcomes()
    {
        // No row moves an order back to PendingNew/New/… directly: those statuses come from the actions.
        OrderStatus[] allowedTargets = [Canceled, Rejected, Expired, DoneForDay, Suspended];
        foreach (OrderStatus status in s_allStatuses)
        {
            foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
            {
                Transition t = OrderStateMachine.Transition(status, ev);
                if (t.Action == A.Move)
                {
                    Assert.Contains(t.Target, allowedTargets);
                    Assert.NotEqual(status, t.Target);
                }
            }
        }
    }

    [Fact]
    public void Transition_TerminalStates_NeverReopen()
    {
        // From a terminal status only fills (late or over), their busts/corrections, echoes, stale flags,
        // dropped rejects and the documented Filled+Replaced row are possible: nothing restores, resumes,
        // re-acknowledges or starts a new request.
        A[] reopening = [A.Move, A.Work, A.AckWhilePending, A.BeginCancel, A.BeginReplace, A.Restate, A.RestorePrevious];
        foreach (OrderStatus status in s_terminal)
        {
            foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
            {
                Transition t = OrderStateMachine.Transition(status, ev);
                Assert.DoesNotContain(t.Action, reopening);
                if (t.Action == A.CompleteReplace)
                {
                    Assert.Equal((Filled, E.Replaced), (status, ev));
                }
            }
        }
    }

    [Fact]
    public void Transition_Denied_RefusesEveryEvent()
    {
        foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
        {
            Assert.Equal(A.Invalid, OrderStateMachine.Transition(Denied, ev).Action);
        }
    }

    [Fact]
    public void Transition_VenueOnlyStatuses_AreNeverHeld_SoOnlyEchoesAndRefusals()
    {
        foreach (OrderStatus status in Enum.GetValues<OrderStatus>().Where(IsVenueOnly))
        {
            foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
            {
                Assert.Contains(OrderStateMachine.Transition(status, ev).Action, new[] { A.Invalid, A.Stale, A.Confirm });
            }
        }
    }

    [Fact]
    public void Transition_Replaced_IsNeverHeld_SoOnlyEchoesAndRefusals()
    {
        foreach (LifecycleEvent ev in Enum.GetValues<LifecycleEvent>())
        {
            Assert.Contains(OrderStateMachine.Transition(Replaced, ev).Action, new[] { A.Invalid, A.Stale, A.Confirm });
        }
    }

    [Theory]
    [MemberData(nameof(ExecTypeMappings))]
    public void TryMap_EveryExecType_MapsToItsEvent(ExecType execType, LifecycleEvent expected)
    {
        Assert.True(OrderStateMachine.TryMap(execType, out LifecycleEvent actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TryMap_ExecTypeMappings_CoverEveryDefinedExecTypeButNone()
    {
        var mapped = s_execTypeMap.Select(row => row.ExecType).ToHashSet();
        var defined = Enum.GetValues<ExecType>().Where(x => x != ExecType.None).ToHashSet();

        Assert.Equal(defined.OrderBy(x => x), mapped.OrderBy(x => x));
    }

    [Theory]
    [InlineData(ExecType.None)]
    [InlineData((ExecType)'1')]
    [InlineData((ExecType)'2')]
    [InlineData((ExecType)'Z')]
    [InlineData((ExecType)255)]
    public void TryMap_NoneOrUndefinedExecType_ReturnsFalse(ExecType execType)
    {
        Assert.False(OrderStateMachine.TryMap(execType, out _));
    }

    [Fact]
    public void TryMap_MappedEvents_AreDistinctAndNeverLocalRequestsOrRejects()
    {
        var events = Enum.GetValues<ExecType>()
            .Where(x => x != ExecType.None)
            .Select(x => OrderStateMachine.TryMap(x, out LifecycleEvent ev) ? ev : throw new InvalidOperationException(x.ToString()))
            .ToList();

        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.DoesNotContain(E.CancelRequest, events);
        Assert.DoesNotContain(E.ReplaceRequest, events);
        Assert.DoesNotContain(E.CancelReject, events);
        Assert.DoesNotContain(E.ReplaceReject, events);
    }
}
