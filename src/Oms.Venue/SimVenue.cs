using Oms.Domain;
using Oms.Engine;
using Oms.Gateway;
using Oms.Ring;
using Oms.Venue.Book;
using Oms.Venue.Market;
using Oms.Venue.Scheduling;

namespace Oms.Venue;

/// <summary>
/// A simulated venue behind <see cref="IVenueGateway"/>: per-instrument limit order books with price-time
/// priority, acknowledgements, partial fills, cancels, cancel/replace, IOC/FOK, market orders, Day and GTD
/// expiry, seeded background liquidity, configurable latency and fault injection. Seeded: the same seed,
/// the same commands and the same <see cref="DoWork"/> times give byte-identical reports.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="DoWork"/>, <see cref="EndOfDay"/> and the inspection methods
/// (<see cref="ValidateInvariants"/>, <see cref="ComputeStateHash"/>, <see cref="SnapshotRestingOrders"/>,
/// <see cref="QueuedReports"/>, <see cref="NextEventNanos"/>) belong to one thread, the venue's (never the
/// engine's in a threaded host). <see cref="TryGetTopOfBook"/>, <see cref="Counters"/> and
/// <see cref="RequestEndOfDay"/> are safe from any thread.</para>
/// <para>Duty cycle at time t: fire every timer due by t in (due, creation) order (background mid steps
/// and aggressive orders, session end, GTD expiries, injected unsolicited cancels, busts and corrections),
/// read up to <see cref="SimVenueOptions.DrainLimit"/> commands and act on each at t, publish every queued
/// report due by t, publish the top of book of every instrument that changed. The venue reads no clock
/// and all its randomness comes from the seed.</para>
/// <para>Reports: each goes on a latency queue due at event time + latency + seeded jitter (ack latency for
/// acknowledgements, cancels, replaces, rejects and expiries; fill latency for fills, busts and
/// corrections) and is published when the host's time reaches it, in due order then creation order. An
/// order's reports are never due before an earlier report of the same order (unless the out-of-order
/// fault moves a fill ahead). A report's <see cref="OmsMessage.Timestamp"/> is its due time. When the
/// engine's ring is full the rest wait, in order, for the next duty cycle: nothing is dropped and the
/// venue never blocks (a venue driven on the engine's own thread cannot deadlock); while more than
/// <see cref="SimVenueOptions.MaxQueuedReports"/> wait, no new commands are read.</para>
/// <para>Matching: an incoming order trades against the opposite side best price first, oldest first within
/// a price, at the resting order's price. A limit order's remainder rests (Day, GTC, GTD); an IOC or
/// market order's remainder is canceled; a FOK order fills completely or is canceled with no fill. Every
/// order is acknowledged (ExecType New) before its fills. There is no self-trade prevention: two OMS orders
/// may trade with each other, and each side gets its fill. A replace keeps the order's time priority only
/// when the price is unchanged and the quantity not increased; otherwise the order leaves the book, takes
/// the new price and quantity and is matched again as if new (so a replace across the spread trades).</para>
/// <para>Busts (TradeCancel naming the fill's ExecID in ExecRefID): the venue takes the trade out of the
/// order's record (CumQty and average price drop) but never puts the counterparty's liquidity back in the
/// book. If the busted order still rests, the busted quantity is open again (its leaves grow in place, as
/// the OMS sees it); if it had filled, the order is closed by a Canceled report right after the bust, so
/// the OMS, which reopens a filled order on a bust, and the venue agree the order is done. An order that
/// ended canceled or expired stays so. A correction changes only the fill's price (one tick away).</para>
/// <para>Ids: venue OrderIDs are <c>IdToken.ForStrategy(0xF00000 | venueId, n)</c> and ExecIDs
/// <c>IdToken.ForStrategy(0xE00000 | venueId, n)</c>, n counting from 1 per venue, so they are reproducible
/// and two simulated venues never share one.</para>
/// </remarks>
public sealed partial class SimVenue : IVenueGateway
{
    private const int OrderIdTagBase = 0xF00000;
    private const int ExecIdTagBase = 0xE00000;

    private readonly SpscQueue<VenueCommand> _commands;
    private readonly MpscRing<OmsMessage> _ring;
    private readonly OmsEngine? _lookupHints; // the engine whose index lines each published report asks for (see PublishDue)
    private readonly SimVenueOptions _options;
    private readonly SimInstrument[] _instruments;
    private readonly Dictionary<int, SimInstrument> _byInstrumentId;
    private readonly int[] _instrumentIds;
    private readonly OrderPool _pool;
    private readonly Dictionary<IdToken, int> _byClOrdId;
    private readonly Dictionary<IdToken, int> _byVenueOrderId;
    private readonly ScheduleHeap<OmsMessage> _reports;
    private readonly ScheduleHeap<VenueTimer> _timers;
    private readonly SimRandom _latencyRandom;
    private readonly SimRandom _faultRandom;
    private readonly FaultThresholds _faults;
    private readonly SimVenueCounters _counters = new();
    private readonly int _orderIdTag;
    private readonly int _execIdTag;
    private long _orderIdSequence;
    private long _execIdSequence;
    private long _arrivals;
    private long _now = long.MinValue;
    private bool _started;
    private int _endOfDayRequested;

    /// <summary>
    /// A simulated venue draining <paramref name="engine"/>'s queue for <paramref name="venueId"/> and publishing into
    /// its inbound ring. After publishing each report it asks for the engine's index lines the report will look up
    /// (<see cref="OmsEngine.PrefetchLookups"/>), as a co-hosted gateway should.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it) or the venue id is out of range.</exception>
    public SimVenue(OmsEngine engine, int venueId, SimVenueOptions options)
        : this((engine ?? throw new ArgumentNullException(nameof(engine))).VenueQueue(venueId), engine.Inbound, venueId, options)
    {
        _lookupHints = engine;
    }

    /// <summary>
    /// A simulated venue reading <paramref name="commands"/> (as their one consumer) and publishing reports
    /// into <paramref name="reports"/> (for tests and tools that route reports themselves).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it) or the venue id is out of range.</exception>
    public SimVenue(SpscQueue<VenueCommand> commands, MpscRing<OmsMessage> reports, int venueId, SimVenueOptions options)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(options);
        if (venueId is < 1 or > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(venueId), venueId, "venue ids run 1..65535");
        }

        string? problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _commands = commands;
        _ring = reports;
        _options = options.Clone();
        VenueId = venueId;
        _orderIdTag = OrderIdTagBase | venueId;
        _execIdTag = ExecIdTagBase | venueId;
        _instruments = new SimInstrument[_options.Instruments.Count];
        _byInstrumentId = new Dictionary<int, SimInstrument>(_instruments.Length);
        _instrumentIds = new int[_instruments.Length];
        for (int i = 0; i < _instruments.Length; i++)
        {
            _instruments[i] = new SimInstrument(i, _options.Instruments[i], _options);
            _byInstrumentId.Add(_instruments[i].Id, _instruments[i]);
            _instrumentIds[i] = _instruments[i].Id;
        }

        _pool = new OrderPool(_options.MaxOrders);
        _byClOrdId = new Dictionary<IdToken, int>(_options.MaxOrders);
        _byVenueOrderId = new Dictionary<IdToken, int>(_options.MaxOrders);
        // Starts small (a slot is 208 bytes) and doubles on demand: the queue only grows with the latency backlog.
        _reports = new ScheduleHeap<OmsMessage>(Math.Min(_options.MaxQueuedReports, 4_096));
        _timers = new ScheduleHeap<VenueTimer>(1024);
        _latencyRandom = new SimRandom(_options.Seed, 1);
        _faultRandom = new SimRandom(_options.Seed, 2);
        _faults = new FaultThresholds(_options);
    }

    /// <inheritdoc/>
    public int VenueId { get; }

    /// <summary>What the venue has done and every fault it injected; readable from any thread.</summary>
    public SimVenueCounters Counters => _counters;

    /// <summary>Reports waiting on the latency queue. Venue thread only.</summary>
    public int QueuedReports => _reports.Count;

    /// <summary>The earliest time something is due (a report or a timer), or <see cref="long.MaxValue"/>; lets a lock-step host jump its clock. Venue thread only.</summary>
    public long NextEventNanos => Math.Min(_reports.NextDue, _timers.NextDue);

    /// <summary>The instrument ids the venue lists, in configuration order.</summary>
    public IReadOnlyList<int> InstrumentIds => _instrumentIds;

    /// <summary>
    /// One duty cycle at <paramref name="nowNanos"/> (see the class remarks for the steps). Returns the
    /// timers fired, commands read and reports published, plus one while due reports wait on a full ring
    /// (0 when idle: nothing is due before <see cref="NextEventNanos"/>). Venue thread only.
    /// </summary>
    /// <param name="nowNanos">The host's clock; a time earlier than the previous call's is counted in <see cref="SimVenueCounters.ClockRegressions"/> and replaced by it.</param>
    public int DoWork(long nowNanos)
    {
        long now = Advance(nowNanos);
        int work = 0;
        if (!_started)
        {
            _started = true;
            Start(now);
            work++;
        }

        work += RunTimers(now);
        if (Interlocked.Exchange(ref _endOfDayRequested, 0) != 0)
        {
            ExpireDayOrders(now);
            work++;
        }

        work += DrainCommands(now);
        work += PublishDue(now);
        foreach (SimInstrument instrument in _instruments)
        {
            instrument.PublishTop(now);
        }

        return work;
    }

    /// <summary>
    /// Ends the trading day now: every resting Day order (from the OMS) expires with an Expired report;
    /// GTC and GTD orders and the background's quotes stay. Reports follow the usual latency. Venue thread
    /// only (another thread uses <see cref="RequestEndOfDay"/>).
    /// </summary>
    public void EndOfDay(long nowNanos)
    {
        long now = Advance(nowNanos);
        ExpireDayOrders(now);
        foreach (SimInstrument instrument in _instruments)
        {
            instrument.PublishTop(now);
        }
    }

    /// <summary>Asks for an end of day at the next duty cycle. Any thread.</summary>
    public void RequestEndOfDay() => Volatile.Write(ref _endOfDayRequested, 1);

    /// <summary>The latest top of book of <paramref name="instrumentId"/>; false when the venue does not list it. Any thread; never blocks on the venue, allocates nothing.</summary>
    public bool TryGetTopOfBook(int instrumentId, out TopOfBook top)
    {
        if (_byInstrumentId.TryGetValue(instrumentId, out SimInstrument? instrument))
        {
            top = instrument.Top.Read();
            return true;
        }

        top = default;
        return false;
    }

    private long Advance(long nowNanos)
    {
        if (nowNanos < _now)
        {
            _counters.ClockRegressionsValue++;
            return _now;
        }

        _now = nowNanos;
        return nowNanos;
    }

    private int RunTimers(long now)
    {
        int fired = 0;
        while (_timers.NextDue <= now)
        {
            long at = _timers.NextDue;
            VenueTimer timer = _timers.Peek();
            _timers.Pop();
            fired++;
            switch (timer.Kind)
            {
                case TimerKind.MidStep:
                    OnMidStep(_instruments[timer.Target], at, now);
                    break;
                case TimerKind.Aggressor:
                    OnAggressor(_instruments[timer.Target], at, now);
                    break;
                case TimerKind.SessionEnd:
                    OnSessionEnd(at);
                    break;
                case TimerKind.GtdExpiry:
                case TimerKind.UnsolicitedCancel:
                    OnOrderTimer(in timer, at);
                    break;
                case TimerKind.Bust:
                    OnBust(in timer, at);
                    break;
                case TimerKind.Correction:
                    OnCorrection(in timer, at);
                    break;
            }
        }

        return fired;
    }

    private IdToken NextExecId() => IdToken.ForStrategy(_execIdTag, ++_execIdSequence);

    private IdToken NextVenueOrderId() => IdToken.ForStrategy(_orderIdTag, ++_orderIdSequence);

    /// <summary>True when <paramref name="id"/> is a venue OrderID this venue issued (the order existed here once).</summary>
    private bool IssuedHere(IdToken id) =>
        id.IsStrategyMinted && (int)((ulong)(id.Value >> 64) & 0xFFFFFF) == _orderIdTag
        && (ulong)id.Value >= 1 && (ulong)id.Value <= (ulong)_orderIdSequence;
}
