using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Ring;
using Oms.Tables;

namespace Oms.Engine;

/// <summary>
/// The Oms engine: the single writer of every order, position and id table, driven by a duty cycle.
/// </summary>
/// <remarks>
/// <para>Design: strategies, gateways and tools publish <see cref="OmsMessage"/>s into <see cref="Inbound"/>
/// from any thread. One thread (the host's, never the engine's own) calls <see cref="DoWork"/> in a loop:
/// each call drains up to <see cref="OmsEngineOptions.DrainLimit"/> messages in ring order and applies
/// each one completely (validate → transition table → order table → position table → outputs) before the
/// next. Outputs go to per-strategy event streams (<see cref="OpenStrategyStream"/>), per-venue outbound
/// queues (<see cref="VenueQueue"/>) and the anomaly stream (<see cref="Anomalies"/>), all single-producer
/// single-consumer queues the engine never blocks on.</para>
/// <para>Threading: everything except <see cref="Inbound"/> publishing, <see cref="OpenStrategyStream"/>
/// (before traffic for that strategy starts), the output queues' consumer side and <see cref="Counters"/>
/// reads belongs to the engine thread, including the query methods (<see cref="TryGetOrder(IdToken, out OrderView)"/>
/// and friends), which tools and tests call on that thread.</para>
/// <para>Determinism: the engine reads no clock and no randomness. Time arrives on messages; ids it mints
/// come from a counter. The same messages in the same order give the same state, state hash and events.</para>
/// <para>Allocation: after construction (and after each strategy stream is opened) applying messages
/// allocates nothing.</para>
/// </remarks>
public sealed partial class OmsEngine
{
    private readonly OmsEngineOptions _options;
    private readonly MpscRing<OmsMessage> _inbound;
    private readonly OrderTable _orders;
    private readonly PositionTable _positions;
    private readonly FillStore _fills;
    private readonly EventStream?[] _strategyStreams;
    private readonly long[] _strategySequence;
    private readonly SpscQueue<VenueCommand>[] _venueQueues;
    private readonly EventStream _anomalies;
    private readonly EngineCounters _counters = new();
    private long _anomalySequence;
    private long _mintSequence;
    // Orders whose status is live (OrderStatusExtensions.IsLive): the ClOrdID index keeps one id free for each, so
    // every live order can always be cancelled (see CancelReserve).
    private int _liveOrders;
    private SpscQueue<JournalEntry>? _inputTap;
    private long _prefetchedThrough = -1; // the highest ring sequence whose lines were asked for ahead of it

    /// <summary>
    /// With the checks on (<see cref="Checks"/>, as in every test), the byte an event is filled with before its
    /// fields are written: a test sets a pattern no event has and compares the outputs with a run at 0, so a
    /// field some path leaves unwritten shows (events are built in a local, <see cref="EventStream.Publish"/>).
    /// Engine thread; set before traffic.
    /// </summary>
    internal byte EventPoison;

    /// <summary>Creates an engine with everything preallocated from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public OmsEngine(OmsEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = options.Validate();
        if (problem is not null)
        {
            ThrowHelper.ThrowArgument(nameof(options), problem);
        }

        _options = options;
        _inbound = new MpscRing<OmsMessage>(options.RingCapacity, options.InboundProducers, options.HugePages);
        _orders = new OrderTable(options.MaxOrders, options.ClOrdIdCapacity, options.MaxStrategies, options.HugePages);
        _positions = new PositionTable(options.MaxPositions, options.FillCapacity, options.PositionCheckpointInterval);
        _fills = new FillStore(options.ExecIdCapacity, options.FillCapacity, options.HugePages);
        _strategyStreams = new EventStream?[options.MaxStrategies + 1];
        _strategySequence = new long[options.MaxStrategies + 1];
        _venueQueues = new SpscQueue<VenueCommand>[options.MaxVenues + 1];
        for (int v = 1; v <= options.MaxVenues; v++)
        {
            _venueQueues[v] = new SpscQueue<VenueCommand>(options.VenueQueueCapacity, options.HugePages);
        }

        _anomalies = new EventStream(options.AnomalyCapacity, options.HugePages);
    }

    /// <summary>The options the engine was built with.</summary>
    public OmsEngineOptions Options => _options;

    /// <summary>
    /// The inbound ring: any thread may publish into it, or, with <see cref="OmsEngineOptions.InboundProducers"/>
    /// set to <see cref="ProducerMode.Single"/>, the one thread that publishes first.
    /// </summary>
    public MpscRing<OmsMessage> Inbound => _inbound;

    /// <summary>What the engine has done, counted; readable from any thread.</summary>
    public EngineCounters Counters => _counters;

    /// <summary>The anomaly stream (every anomaly, for the operator); one consumer thread.</summary>
    public EventStream Anomalies => _anomalies;

    /// <summary>
    /// Bytes of the engine's tables, ring and queues it asked the kernel to back with 2 MiB pages
    /// (<see cref="OmsEngineOptions.HugePages"/>); 0 when off, on systems without the call, or when every array
    /// is under 4 MiB. Whether the kernel granted them shows in <c>/proc/self/smaps</c> (<c>AnonHugePages</c>).
    /// Read it on the engine thread, or after the strategy streams are open.
    /// </summary>
    public long HugePageBytes
    {
        get
        {
            long bytes = _inbound.HugePageBytes + _orders.HugePageBytes + _fills.HugePageBytes + _anomalies.HugePageBytes;
            for (int v = 1; v < _venueQueues.Length; v++)
            {
                bytes += _venueQueues[v].HugePageBytes;
            }

            foreach (EventStream? stream in _strategyStreams)
            {
                bytes += stream?.HugePageBytes ?? 0;
            }

            return bytes;
        }
    }

    /// <summary>The order table. Engine thread only.</summary>
    public OrderTable Orders => _orders;

    /// <summary>The position table. Engine thread only.</summary>
    public PositionTable Positions => _positions;

    /// <summary>
    /// Opens (or returns) the event stream of a strategy. Call before that strategy's traffic starts; events
    /// for a strategy with no open stream are counted in <see cref="EngineCounters.DroppedEvents"/>.
    /// </summary>
    public EventStream OpenStrategyStream(int strategyId)
    {
        if ((uint)(strategyId - 1) >= (uint)_options.MaxStrategies)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(strategyId), $"strategy ids run 1..{_options.MaxStrategies}");
        }

        EventStream? stream = Volatile.Read(ref _strategyStreams[strategyId]);
        if (stream is null)
        {
            stream = new EventStream(_options.StrategyEventCapacity, _options.HugePages);
            Volatile.Write(ref _strategyStreams[strategyId], stream);
        }

        return stream;
    }

    /// <summary>The outbound command queue of a venue; its gateway is the one consumer.</summary>
    public SpscQueue<VenueCommand> VenueQueue(int venueId)
    {
        if (!IsVenue(venueId))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(venueId), $"venue ids run 1..{_options.MaxVenues}");
        }

        return _venueQueues[venueId];
    }

    /// <summary>True for a venue id in 1..<see cref="OmsEngineOptions.MaxVenues"/>.</summary>
    private bool IsVenue(int venueId) => (uint)(venueId - 1) < (uint)_options.MaxVenues;

    /// <summary>
    /// One duty cycle: applies up to <see cref="OmsEngineOptions.DrainLimit"/> published messages in ring
    /// order and returns how many (0 when idle, so the host's idle strategy can back off).
    /// </summary>
    public int DoWork()
    {
        int limit = _options.DrainLimit;
        SpscQueue<JournalEntry>? tap = _inputTap;
        if (tap is not null)
        {
            // Never apply what cannot be journaled: a full tap holds the ring back (back-pressure), never loses input.
            limit = Math.Min(limit, tap.FreeSlots());
            if (limit == 0)
            {
                return 0;
            }
        }

        var handler = new InboundHandler(this, PrefetchesRows);
        return _inbound.Drain(ref handler, limit);
    }

    /// <summary>
    /// Attaches the input tap: from now on every message <see cref="DoWork"/> applies is first copied, with its
    /// input sequence (see <see cref="InputSequence"/>), into <paramref name="tap"/>, whose one consumer (the
    /// journal writer) makes it durable. <see cref="Apply(in OmsMessage)"/> (replay, tests) does not tap.
    /// Attach before traffic starts.
    /// </summary>
    public void AttachInputTap(SpscQueue<JournalEntry> tap) => _inputTap = tap ?? throw new ArgumentNullException(nameof(tap));

    /// <summary>How many messages the engine has applied: the input sequence the next message will get.</summary>
    public long InputSequence => _counters.MessagesValue;

    /// <summary>
    /// Applies one message directly, bypassing the ring (replay and tests drive the engine this way, on the
    /// engine thread). Same code path as <see cref="DoWork"/>.
    /// </summary>
    public void Apply(in OmsMessage message)
    {
        _counters.MessagesValue++;
        switch (message.Kind)
        {
            case MessageKind.NewOrder:
                _counters.CommandsValue++;
                OnNewOrder(in message);
                break;
            case MessageKind.Cancel:
                _counters.CommandsValue++;
                OnCancel(in message);
                break;
            case MessageKind.Replace:
                _counters.CommandsValue++;
                OnReplace(in message);
                break;
            case MessageKind.MassCancel:
                _counters.CommandsValue++;
                OnMassCancel(in message);
                break;
            case MessageKind.ExecutionReport:
                _counters.ReportsValue++;
                OnExecutionReport(in message);
                break;
            case MessageKind.CancelReject:
                _counters.ReportsValue++;
                OnCancelReject(in message);
                break;
            default:
                Ignore(in message, -1, RejectReason.UnknownMessageKind);
                break;
        }

        // The message's ExecID is indexed last, its events already published: a new id's index line is a miss
        // no event waits on (FillStore, decision 0015).
        _fills.CommitPending();
    }

    /// <summary>
    /// Applies a batch of messages in order, exactly as that many <see cref="Apply(in OmsMessage)"/> calls
    /// would, while prefetching the index lines of the message <see cref="PrefetchDistance"/> ahead and, in a
    /// large table (<see cref="OmsEngineOptions.RowPrefetchMinRows"/>), the index lines twice as far ahead and
    /// the order row <see cref="PrefetchDistance"/> ahead (replay and benchmarks; <see cref="DoWork"/> does
    /// the same over each drained ring batch). Engine thread only.
    /// </summary>
    public void Apply(ReadOnlySpan<OmsMessage> messages)
    {
        bool rows = PrefetchesRows;
        int indexAhead = rows ? RowPrefetchIndexDistance : PrefetchDistance;

        // The batch's first messages have no earlier message to be prefetched behind: ask for all of their
        // lines at once, so their misses overlap each other instead of following one another.
        for (int i = 0; i < indexAhead && i < messages.Length; i++)
        {
            Prefetch(in messages[i]);
        }

        for (int i = 0; i < messages.Length; i++)
        {
            if (i + indexAhead < messages.Length)
            {
                Prefetch(in messages[i + indexAhead]);
            }

            if (rows && i + PrefetchDistance < messages.Length)
            {
                PrefetchRow(in messages[i + PrefetchDistance]);
            }

            Apply(in messages[i]);
        }
    }

    /// <summary>
    /// How many messages ahead of the one being applied the engine prefetches. Large indexes (ExecIDs above
    /// all) miss the cache on nearly every new id; asking early overlaps those misses with useful work.
    /// </summary>
    internal const int PrefetchDistance = 4;

    /// <summary>
    /// How far ahead the index lines are prefetched when rows are too: the row of the message
    /// <see cref="PrefetchDistance"/> ahead is found through the index, whose line must have arrived by then.
    /// </summary>
    internal const int RowPrefetchIndexDistance = 2 * PrefetchDistance;

    /// <summary>True when the table has grown past <see cref="OmsEngineOptions.RowPrefetchMinRows"/>: rows are prefetched too.</summary>
    private bool PrefetchesRows => _orders.Count >= _options.RowPrefetchMinRows;

    /// <summary>Asks for the cache lines that applying <paramref name="m"/> will look up first. Changes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(in OmsMessage m)
    {
        PrefetchMessage(in m);
        PrefetchLookups(in m);
    }

    /// <summary>
    /// Asks the CPU for the index lines that applying <paramref name="m"/> will look up first (its
    /// ClOrdIDs; a report's ExecID; an acknowledgement's venue OrderID). Changes nothing. Any thread.
    /// </summary>
    /// <remarks>
    /// <para>For producers: call it right after publishing <paramref name="m"/> to <see cref="Inbound"/>.
    /// The lines then travel toward the caller's cache while the message crosses the ring, and when the
    /// producer's core shares a cache with the engine's (the same L3, or SMT siblings), the engine's lookups
    /// find them there instead of in memory. The ExecID index is far larger than any cache, so a report's
    /// duplicate check otherwise waits on memory while the engine is idle between messages. Costs the caller
    /// two or three hashes and prefetch instructions; it helps a message the engine applies soon after (a
    /// quiet ring), not a backlog, whose lines the engine prefetches itself, batch by batch.</para>
    /// <para>Thread safety: reads only table references and masks fixed at construction; a prefetch never
    /// faults and changes no state, so racing the engine thread is harmless.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchLookups(in OmsMessage m)
    {
        switch (m.Kind)
        {
            case MessageKind.ExecutionReport:
                _orders.PrefetchClOrdId(m.ClOrdId);
                _fills.PrefetchExecId(m.ExecId);
                if (m.ExecType == ExecType.New)
                {
                    // The acknowledgement is where the venue's OrderID is learned: indexing it writes a random line.
                    _orders.PrefetchVenueOrderId(m.VenueOrderId);
                }

                break;
            case MessageKind.Cancel or MessageKind.Replace:
                _orders.PrefetchClOrdId(m.OrigClOrdId);
                _orders.PrefetchClOrdId(m.ClOrdId);
                break;
            case MessageKind.NewOrder or MessageKind.CancelReject:
                _orders.PrefetchClOrdId(m.ClOrdId);
                break;
        }
    }

    /// <summary>
    /// Asks for the message's own lines past its first (which <see cref="Prefetch"/> reads): a report's
    /// quantities and prices sit 128 bytes in, and the hardware's stream prefetcher does not reliably bring
    /// them before the transition reads them. Changes nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchMessage(in OmsMessage m)
    {
        // A prefetch never faults and changes no state, so a stale address (the GC moved the array) is harmless.
        byte* p = (byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in m));
        Oms.Prefetch.Range(p + 64, sizeof(OmsMessage) - 64);
    }

    /// <summary>
    /// Asks for the order row applying <paramref name="m"/> will read (a report's, or a cancel/replace's
    /// target), found through the index whose line <see cref="Prefetch"/> asked for earlier. Changes nothing;
    /// a message whose order is not known yet (a new order, a report ahead of its order) asks for nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchRow(in OmsMessage m)
    {
        IdToken id = m.Kind switch
        {
            MessageKind.ExecutionReport or MessageKind.CancelReject => m.ClOrdId,
            MessageKind.Cancel or MessageKind.Replace => m.OrigClOrdId,
            _ => IdToken.None,
        };
        if (_orders.TryFindByClOrdId(id, out int slot))
        {
            _orders.PrefetchRow(slot);
        }
    }

    private void Tap(in OmsMessage message)
    {
        SpscQueue<JournalEntry> tap = _inputTap!;
        bool claimed = tap.TryClaim(out long seq);
        if (!claimed)
        {
            // Checked on every build: writing on would overwrite a journal entry not yet written out.
            ThrowHelper.ThrowInvariant("DoWork drains no more than the tap has room for");
        }

        ref JournalEntry entry = ref tap[seq];
        entry.Sequence = _counters.MessagesValue;
        entry.Message = message;
        tap.Commit(seq);
    }

    private readonly struct InboundHandler(OmsEngine engine, bool rows) : IRingHandler<OmsMessage>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnMessage(ref OmsMessage message, long sequence)
        {
            MpscRing<OmsMessage> ring = engine._inbound;
            long ahead = sequence + (rows ? RowPrefetchIndexDistance : PrefetchDistance);
            if (ring.IsPublished(ahead))
            {
                engine.Prefetch(in ring[ahead]);
                engine._prefetchedThrough = ahead;
            }
            else if (sequence > engine._prefetchedThrough)
            {
                // Nothing was published far enough ahead when this message's turn to be prefetched came (a quiet
                // ring): ask for its own lines now, so its index lookups overlap one another instead of following
                // one another. Ask for its order row too when the table is large (no earlier message could), or
                // when it is the last message published (a lone one): between messages that arrive one at a time
                // the row has left the core's own caches, and its lines asked for together arrive in about the
                // time of one. Within a burst on a small table the row is likely cached and the extra lookup is
                // pure cost.
                engine.Prefetch(in message);
                if (rows || !ring.IsPublished(sequence + 1))
                {
                    engine.PrefetchRow(in message);
                }
            }

            if (rows && ring.IsPublished(sequence + PrefetchDistance))
            {
                engine.PrefetchRow(in ring[sequence + PrefetchDistance]);
            }

            if (engine._inputTap is not null)
            {
                engine.Tap(in message);
            }

            engine.Apply(in message);
        }
    }
}
