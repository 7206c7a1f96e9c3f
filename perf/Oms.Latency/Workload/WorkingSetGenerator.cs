using Oms.Domain;
using Oms.Engine;

namespace Oms.Latency.Workload;

/// <summary>
/// A seeded generator of the working-set workload: first <see cref="BuildSetup"/> brings <c>N</c> orders live
/// (new + acknowledgement each), then <see cref="Next"/> produces the measured mix over them while keeping the
/// live count at <c>N</c>. The same seed and size give the same stream.
/// </summary>
/// <remarks>
/// <para>The mix, per 100 messages: 75 partial fills; 4 new orders and, 16 messages later, their 4
/// acknowledgements; 4 cancel requests and their 4 confirmations; 3 cancel/replace requests and their 3
/// confirmations; 3 duplicates (a recent report sent again with the same ExecID). Fills, cancels and
/// replaces pick a random working order (acknowledged, nothing in flight); whether the next lifecycle draw
/// is a new order or a cancel depends on whether the live count is below or at <c>N</c>, which holds it there.</para>
/// <para>Every message is valid for the engine: the expected outcome is exactly one state change per message
/// except duplicates, which are counted and change nothing (see <see cref="WorkloadCheck"/>).</para>
/// <para>Not thread-safe. Allocates only while it grows its per-order arrays (never inside a measured window:
/// streams are generated before they are sent).</para>
/// </remarks>
public sealed class WorkingSetGenerator
{
    /// <summary>Messages between a request (or new order) and the venue's answer.</summary>
    public const int ConfirmDelay = 16;

    /// <summary>Draw weights: a draw gives one message (fill, duplicate) or two (new order, cancel, replace).</summary>
    public const int FillWeight = 75, LifecycleWeight = 8, ReplaceWeight = 3, DuplicateWeight = 3;

    /// <summary>Sum of the draw weights.</summary>
    public const int TotalWeight = FillWeight + LifecycleWeight + ReplaceWeight + DuplicateWeight;

    private const int PendingSlots = 64;
    private const int RecentSlots = 256;
    private const long BaseTime = 1_700_000_000_000_000_000;

    private readonly Random _rng;
    private readonly int _target;
    private readonly OmsMessage[] _pending = new OmsMessage[PendingSlots];
    private readonly long[] _pendingDue = new long[PendingSlots];
    private readonly int[] _pendingOrder = new int[PendingSlots];
    private readonly OmsMessage[] _recent = new OmsMessage[RecentSlots];
    private IdToken[] _clOrdId;
    private IdToken[] _venueOrderId;
    private int[] _workingAt;
    private int[] _working;
    private int _workingCount;
    private int _orders;
    private long _live;
    private long _pendingHead;
    private long _pendingTail;
    private long _recentCount;
    private long _emitted;
    private long _requestSequence;
    private long _execSequence;

    /// <summary>A generator that holds <paramref name="liveOrders"/> orders live.</summary>
    public WorkingSetGenerator(int seed, int liveOrders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(liveOrders, 1);
        _rng = new Random(seed);
        _target = liveOrders;
        int capacity = liveOrders + 1024;
        _clOrdId = new IdToken[capacity];
        _venueOrderId = new IdToken[capacity];
        _workingAt = new int[capacity];
        _working = new int[capacity];
    }

    /// <summary>The live count the mix holds.</summary>
    public int LiveOrders => _target;

    /// <summary>Orders live now, as the venue will have confirmed them once every pending answer is sent.</summary>
    public long Live => _live;

    /// <summary>What <see cref="Next"/> has produced so far, by kind (the setup is not counted).</summary>
    public MixCounts Counts { get; } = new();

    /// <summary>The setup: <c>N</c> new orders, then their <c>N</c> acknowledgements. Call once, first.</summary>
    public OmsMessage[] BuildSetup()
    {
        if (_orders != 0)
        {
            throw new InvalidOperationException("the setup is built once, before the mix");
        }

        var setup = new OmsMessage[2 * _target];
        for (int k = 0; k < _target; k++)
        {
            setup[k] = NewOrder(schedule: false);
            setup[k].Timestamp = BaseTime + k;
        }

        for (int k = 0; k < _target; k++)
        {
            setup[_target + k] = Report(k, ExecType.New, _clOrdId[k], 'A');
            AddWorking(k);
        }

        Counts.NewOrders = 0;
        return setup;
    }

    /// <summary>Fills <paramref name="count"/> messages of the mix into <paramref name="destination"/>.</summary>
    public void Fill(OmsMessage[] destination, int count) => Fill(destination.AsSpan(0, count));

    /// <summary>Fills every message of <paramref name="destination"/> with the next of the mix.</summary>
    public void Fill(Span<OmsMessage> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next();
        }
    }

    /// <summary>The next message of the mix.</summary>
    public OmsMessage Next()
    {
        OmsMessage m;
        if (_pendingTail > _pendingHead && _pendingDue[_pendingHead % PendingSlots] <= _emitted)
        {
            m = Confirm();
        }
        else
        {
            int roll = _rng.Next(TotalWeight);
            m = _workingCount == 0 ? NewOrder(schedule: true)
                : roll < FillWeight ? PartialFill()
                : roll < FillWeight + LifecycleWeight ? (_live < _target ? NewOrder(schedule: true) : Cancel())
                : roll < FillWeight + LifecycleWeight + ReplaceWeight ? Replace()
                : Duplicate();
        }

        _emitted++;
        m.Timestamp = BaseTime + _emitted;
        return m;
    }

    private OmsMessage NewOrder(bool schedule)
    {
        int k = _orders++;
        EnsureCapacity(k + 1);
        _clOrdId[k] = IdToken.ForStrategy(WorkloadMessages.Strategy(k), ++_requestSequence);
        _venueOrderId[k] = WorkloadMessages.Token('V', k);
        _workingAt[k] = -1;
        _live++;
        Counts.NewOrders++;
        if (schedule)
        {
            Schedule(k, WorkloadMessages.Report(k, ExecType.New, _clOrdId[k], _venueOrderId[k], NextExecId()));
        }

        return WorkloadMessages.New(k, _clOrdId[k]);
    }

    private OmsMessage PartialFill()
    {
        int k = _working[_rng.Next(_workingCount)];
        OmsMessage m = Report(k, ExecType.Trade, _clOrdId[k], 'E');
        m.LastQty = 1 + _rng.Next(100);
        m.LastPx = WorkloadMessages.LimitPrice + _rng.Next(11) - 5;
        m.Fee = 1;
        Counts.Fills++;
        return m;
    }

    private OmsMessage Cancel()
    {
        int k = BeginRequest(ExecType.Canceled, out IdToken request);
        Counts.CancelRequests++;
        return WorkloadMessages.CancelRequest(k, request, _clOrdId[k]);
    }

    private OmsMessage Replace()
    {
        int k = BeginRequest(ExecType.Replaced, out IdToken request);
        Counts.ReplaceRequests++;
        return WorkloadMessages.ReplaceRequest(k, request, _clOrdId[k], WorkloadMessages.OrderQty + _rng.Next(100),
            WorkloadMessages.LimitPrice + _rng.Next(41) - 20);
    }

    /// <summary>
    /// Picks a random working order for a cancel or replace, takes it out of the working set, mints the request's
    /// ClOrdID and schedules the venue's <paramref name="answer"/> to it. Returns the order's index.
    /// </summary>
    private int BeginRequest(ExecType answer, out IdToken request)
    {
        int k = _working[_rng.Next(_workingCount)];
        RemoveWorking(k);
        request = IdToken.ForStrategy(WorkloadMessages.Strategy(k), ++_requestSequence);
        OmsMessage report = WorkloadMessages.Report(k, answer, request, _venueOrderId[k], NextExecId());
        report.OrigClOrdId = _clOrdId[k];
        Schedule(k, report);
        return k;
    }

    private OmsMessage Duplicate()
    {
        if (_recentCount == 0)
        {
            return PartialFill();
        }

        long back = _rng.Next((int)Math.Min(_recentCount, RecentSlots));
        Counts.Duplicates++;
        return _recent[(_recentCount - 1 - back) % RecentSlots];
    }

    /// <summary>The venue's answer that is due: it also moves the generator's view of the order on.</summary>
    private OmsMessage Confirm()
    {
        long at = _pendingHead++ % PendingSlots;
        OmsMessage m = _pending[at];
        int k = _pendingOrder[at];
        switch (m.ExecType)
        {
            case ExecType.New:
                Counts.Acks++;
                AddWorking(k);
                break;
            case ExecType.Canceled:
                Counts.Canceled++;
                _live--;
                break;
            default:
                Counts.Replaced++;
                _clOrdId[k] = m.ClOrdId;
                AddWorking(k);
                break;
        }

        Remember(in m);
        return m;
    }

    private void Schedule(int k, OmsMessage answer)
    {
        // At most one answer is scheduled per message and each is due ConfirmDelay messages later, so the
        // queue never holds more than ConfirmDelay + 1.
        long at = _pendingTail++ % PendingSlots;
        _pending[at] = answer;
        _pendingDue[at] = _emitted + ConfirmDelay;
        _pendingOrder[at] = k;
    }

    private OmsMessage Report(int k, ExecType execType, IdToken clOrdId, char execPrefix)
    {
        OmsMessage m = WorkloadMessages.Report(k, execType, clOrdId, _venueOrderId[k], WorkloadMessages.Token(execPrefix, ++_execSequence));
        Remember(in m);
        return m;
    }

    private IdToken NextExecId() => WorkloadMessages.Token('X', ++_execSequence);

    private void Remember(in OmsMessage report) => _recent[_recentCount++ % RecentSlots] = report;

    private void AddWorking(int k)
    {
        _workingAt[k] = _workingCount;
        _working[_workingCount++] = k;
    }

    private void RemoveWorking(int k)
    {
        int at = _workingAt[k];
        int last = _working[--_workingCount];
        _working[at] = last;
        _workingAt[last] = at;
        _workingAt[k] = -1;
    }

    private void EnsureCapacity(int orders)
    {
        if (orders <= _clOrdId.Length)
        {
            return;
        }

        int size = Math.Max(orders, _clOrdId.Length * 2);
        Array.Resize(ref _clOrdId, size);
        Array.Resize(ref _venueOrderId, size);
        Array.Resize(ref _workingAt, size);
        Array.Resize(ref _working, size);
    }
}
