using System.Runtime.CompilerServices;
using Oms.Domain;

namespace Oms.Tables;

/// <summary>
/// The order table: one row per order, stored as a structure of arrays preallocated to a fixed capacity,
/// with O(1) lookup by internal id (slot + generation), by any ClOrdID of the order's chain (the original,
/// every replace and every cancel request) and by the venue's OrderID.
/// </summary>
/// <remarks>
/// <para>Single writer: only the engine thread reads or writes it. Other threads learn state from events.
/// Its mutators are internal: rows change only through the engine, which holds no row number the table did
/// not hand out (some columns are indexed without a bounds check; see <see cref="UncheckedColumn{T}"/>).</para>
/// <para>Rows are never recycled during a session: terminal orders stay queryable. <see cref="Release"/>
/// frees a terminal row (at a session roll) and bumps the slot's generation, so an old <see cref="OrderId"/>
/// never aliases the order that reuses the slot. Rows in use (live and terminal) are linked in creation
/// order, so a scan (mass cancel) costs O(rows this session), not O(capacity); a live-only list would make
/// it O(live orders).</para>
/// </remarks>
public sealed partial class OrderTable
{
    private readonly int _capacity;
    private readonly int[] _freeSlots;
    private int _freeCount;
    private readonly long _hugePageBytes;
    private int _used;

    // Each column is an array, except the five every report reads most, which are indexed without a bounds check
    // (UncheckedColumn: docs/decisions/0011-unchecked-report-columns.md).
    // Identity
    internal readonly uint[] Generation;
    internal readonly UncheckedColumn<IdToken> ClOrdId;   // current (latest replace)
    internal readonly IdToken[] OrigClOrdId;              // the chain's first
    internal readonly UncheckedColumn<IdToken> VenueOrderId;
    // Static order data
    internal readonly int[] Strategy;
    internal readonly int[] Account;
    internal readonly int[] Instrument;
    internal readonly OrderType[] Type;
    internal readonly TimeInForce[] Tif;
    internal readonly long[] ExpireTime;
    internal readonly PositionRows[] Positions;   // one column: every report reads both
    // Lifecycle. Flags and Quantities group fields every report reads together, one small record per row
    // (docs/decisions/0010-order-row-records.md).
    internal readonly UncheckedColumn<OrderFlags> Flags;           // status, status to restore, side, overfill flag, venue
    internal readonly UncheckedColumn<OrderQuantities> Quantities; // ordered and filled
    internal readonly long[] Price;
    internal readonly long[] StopPx;
    internal readonly UncheckedColumn<Int128> Notional;   // sum of price x qty over active fills
    internal readonly long[] Created;
    internal readonly long[] Updated;
    // The one request in flight (cancel or replace)
    internal readonly IdToken[] PendingClOrdId;
    internal readonly long[] PendingQty;
    internal readonly long[] PendingPrice;
    internal readonly long[] PendingStopPx;
    // Creation-ordered list of rows in use
    private readonly int[] _next;
    private readonly int[] _prev;
    private int _head = -1;
    private int _tail = -1;

    private readonly TokenIndex _byClOrdId;     // ClOrdID -> slot, tagged with the row's generation
    private readonly TokenIndex _byVenueOrderId;
    private readonly ChainStore _chains;
    private readonly LiveOrderLists _live;

    // The row the last ClOrdID lookup found and its generation, read from the index entry's tag: IdOf answers
    // from here instead of the Generation column, so a report reads one row line fewer. Forgotten whenever a
    // generation changes, so it never disagrees with the column.
    private int _foundSlot = -1;
    private uint _foundGeneration;

    /// <summary>Creates a table for <paramref name="capacity"/> orders and <paramref name="maxClOrdIds"/> ClOrdIDs in all chains.</summary>
    /// <param name="capacity">Rows.</param>
    /// <param name="maxClOrdIds">ClOrdIDs in all chains (at least <paramref name="capacity"/>).</param>
    /// <param name="maxStrategies">Strategies 1..n whose live rows are listed for mass cancel.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the arrays of at least 4 MiB, committing them now (see <see cref="Engine.OmsEngineOptions.HugePages"/>).</param>
    public OrderTable(int capacity, int maxClOrdIds, int maxStrategies = 64, bool hugePages = false)
    {
        if (capacity < 1 || maxClOrdIds < capacity)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "capacity must be positive and maxClOrdIds >= capacity");
        }

        _capacity = capacity;
        _freeSlots = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        Generation = HugePages.Allocate<uint>(capacity, hugePages, ref _hugePageBytes);
        ClOrdId = new UncheckedColumn<IdToken>(capacity, hugePages, ref _hugePageBytes);
        OrigClOrdId = HugePages.Allocate<IdToken>(capacity, hugePages, ref _hugePageBytes);
        VenueOrderId = new UncheckedColumn<IdToken>(capacity, hugePages, ref _hugePageBytes);
        Strategy = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        Account = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        Instrument = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        Flags = new UncheckedColumn<OrderFlags>(capacity, hugePages, ref _hugePageBytes);
        Quantities = new UncheckedColumn<OrderQuantities>(capacity, hugePages, ref _hugePageBytes);
        Type = HugePages.Allocate<OrderType>(capacity, hugePages, ref _hugePageBytes);
        Tif = HugePages.Allocate<TimeInForce>(capacity, hugePages, ref _hugePageBytes);
        ExpireTime = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        Positions = HugePages.Allocate<PositionRows>(capacity, hugePages, ref _hugePageBytes);
        Price = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        StopPx = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        Notional = new UncheckedColumn<Int128>(capacity, hugePages, ref _hugePageBytes);
        Created = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        Updated = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        PendingClOrdId = HugePages.Allocate<IdToken>(capacity, hugePages, ref _hugePageBytes);
        PendingQty = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        PendingPrice = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        PendingStopPx = HugePages.Allocate<long>(capacity, hugePages, ref _hugePageBytes);
        _next = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        _prev = HugePages.Allocate<int>(capacity, hugePages, ref _hugePageBytes);
        _byClOrdId = new TokenIndex(maxClOrdIds, hugePages);
        _byVenueOrderId = new TokenIndex(capacity * 2, hugePages);
        _chains = new ChainStore(capacity, maxClOrdIds, hugePages);
        _live = new LiveOrderLists(capacity, Math.Max(0, maxStrategies), hugePages);
    }

    /// <summary>Rows it can hold.</summary>
    public int Capacity => _capacity;

    /// <summary>Rows in use (live and terminal).</summary>
    public int Count => _used - _freeCount;

    /// <summary>Rows handed out at least once: every row number the table has given is below it.</summary>
    internal int RowsHandedOut => _used;

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes + _byClOrdId.HugePageBytes + _byVenueOrderId.HugePageBytes + _chains.HugePageBytes + _live.HugePageBytes;

    /// <summary>True when no row is free.</summary>
    public bool IsFull => _used == _capacity && _freeCount == 0;

    /// <summary>True when <paramref name="n"/> more ClOrdIDs can be indexed.</summary>
    public bool HasIdRoom(int n) => _byClOrdId.Count + n <= _byClOrdId.MaxEntries && _chains.HasRoom(n);

    /// <summary>Takes a free row for a new order and indexes its ClOrdID. -1 when full.</summary>
    internal int Allocate(IdToken clOrdId)
    {
        Checks.Invariant(!clOrdId.IsNone, "an order has a ClOrdID");
        int slot;
        if (_freeCount > 0)
        {
            slot = _freeSlots[--_freeCount];
        }
        else if (_used < _capacity)
        {
            slot = _used++;
            if (slot + AppendPrefetchDistance < _capacity)
            {
                PrefetchNewRow(slot + AppendPrefetchDistance);
            }
        }
        else
        {
            return -1;
        }

        if (!_byClOrdId.TryAdd(clOrdId, slot, Generation[slot] + 1) || !_chains.Start(slot, clOrdId))
        {
            _byClOrdId.Remove(clOrdId);
            _freeSlots[_freeCount++] = slot;
            return -1;
        }

        NextGeneration(slot);
        ClOrdId[slot] = clOrdId;
        OrigClOrdId[slot] = clOrdId;
        LinkLast(slot);
        return slot;
    }

    /// <summary>How many rows ahead of the one it appends <see cref="Allocate"/> asks for the lines of.</summary>
    internal const int AppendPrefetchDistance = 16;

    /// <summary>
    /// Asks for every line row <paramref name="slot"/> will be written to when it is appended (in range: the caller
    /// checks). Changes nothing.
    /// </summary>
    /// <remarks>
    /// Why: appended rows are written column by column, about thirty sequential write streams at once, far more
    /// than the hardware's stream prefetcher follows. Each column crosses into a line nothing has touched since
    /// the table was zeroed every few rows (every 4 for a token, 64 for a flag); a store to such a line waits
    /// on memory, and every store behind it waits too. Asked for <see cref="AppendPrefetchDistance"/> rows
    /// ahead, the lines are cached by the time the row is written. Rows reused from the free list (after a
    /// session roll) come in no predictable order and are not prefetched.
    /// </remarks>
    private void PrefetchNewRow(int slot)
    {
        PrefetchReportColumns(slot);
        Prefetch.Element(Strategy, slot);
        Prefetch.Element(Account, slot);
        Prefetch.Element(Instrument, slot);
        Prefetch.Element(OrigClOrdId, slot);
        Prefetch.Element(Type, slot);
        Prefetch.Element(Tif, slot);
        Prefetch.Element(ExpireTime, slot);
        Prefetch.Element(StopPx, slot);
        Prefetch.Element(Created, slot);
        Prefetch.Element(PendingClOrdId, slot);
        Prefetch.Element(PendingQty, slot);
        Prefetch.Element(PendingPrice, slot);
        Prefetch.Element(PendingStopPx, slot);
        Prefetch.Element(_next, slot);
        Prefetch.Element(_prev, slot);
        _chains.PrefetchSlot(slot);
        _live.PrefetchNewSlot(slot);
    }

    /// <summary>The internal id of a row in use.</summary>
    /// <remarks>
    /// For the row the last <see cref="TryFindByClOrdId"/> found (a report's, a cancel/replace's), the
    /// generation comes from the index entry that lookup read, not from the Generation column.
    /// </remarks>
    public OrderId IdOf(int slot) => OrderId.From(slot, slot == _foundSlot ? _foundGeneration : Generation[slot]);

    /// <summary>Resolves an internal id to its row; false for a stale generation or a free row.</summary>
    public bool TryResolve(OrderId id, out int slot)
    {
        slot = id.Slot;
        return (uint)slot < (uint)_capacity && Generation[slot] == id.Generation && Flags[slot].Status != OrderStatus.None;
    }

    /// <summary>Finds the row of any ClOrdID in an order's chain (and remembers its generation for <see cref="IdOf"/>).</summary>
    public bool TryFindByClOrdId(IdToken clOrdId, out int slot)
    {
        if (!_byClOrdId.TryGet(clOrdId, out slot, out uint generation))
        {
            return false;
        }

        _foundSlot = slot;
        _foundGeneration = generation;
        return true;
    }

    /// <summary>Hints the CPU to fetch the ClOrdID index line a lookup of <paramref name="clOrdId"/> will read.</summary>
    public void PrefetchClOrdId(IdToken clOrdId) => _byClOrdId.Prefetch(clOrdId);

    /// <summary>Hints the CPU to fetch the venue-OrderID index line that indexing <paramref name="venueOrderId"/> will write.</summary>
    public void PrefetchVenueOrderId(IdToken venueOrderId) => _byVenueOrderId.Prefetch(venueOrderId);

    /// <summary>
    /// Hints the CPU to fetch the lines of row <paramref name="slot"/> that applying a report or a
    /// cancel/replace reads: one line in each of the 8 columns on that path (the status, side and venue share
    /// the <see cref="Flags"/> record, the two quantities the <see cref="Quantities"/> record). Columns only a
    /// pending request reads and the live-list flag (read only when a report revives an ended order)
    /// are left to miss; the owner ids (strategy, account, instrument) are read from the position rows on that
    /// path, and the generation from the ClOrdID index entry that found the row (see <see cref="IdOf"/>).
    /// Changes nothing; a no-op without SSE or for a slot out of range.
    /// </summary>
    /// <remarks>
    /// Why: a large table (beyond about 65,536 rows on the reference machine) no longer stays in the
    /// last-level cache, and a report then waits on one memory load per column it touches; prefetched a few
    /// messages ahead, those loads overlap. A small table is cached already, and the prefetch costs more than
    /// it saves: the engine asks only above <see cref="Engine.OmsEngineOptions.RowPrefetchMinRows"/>.
    /// Keep the list in step with the columns <c>ApplyTransition</c> and the event builder read.
    /// </remarks>
    public void PrefetchRow(int slot)
    {
        if ((uint)slot >= (uint)_capacity)
        {
            return;
        }

        PrefetchReportColumns(slot);
    }

    /// <summary>The 8 columns of row <paramref name="slot"/> applying a report or a cancel/replace reads (in range: the caller checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchReportColumns(int slot)
    {
        Flags.Prefetch(slot);
        Prefetch.Element(Positions, slot);
        ClOrdId.Prefetch(slot);
        VenueOrderId.Prefetch(slot);
        Quantities.Prefetch(slot);
        Prefetch.Element(Price, slot);
        Notional.Prefetch(slot);
        Prefetch.Element(Updated, slot);
    }

    /// <summary>Finds the row <paramref name="venue"/> knows by this OrderID (each venue assigns its own).</summary>
    public bool TryFindByVenueOrderId(int venue, IdToken venueOrderId, out int slot) =>
        _byVenueOrderId.TryGetScoped(venueOrderId, (uint)venue, out slot);

    /// <summary>True when the ClOrdID names any order this session.</summary>
    public bool ContainsClOrdId(IdToken clOrdId) => _byClOrdId.TryGet(clOrdId, out _);

    /// <summary>Adds a ClOrdID (a cancel or replace request's) to a row's chain. False when the id is taken or no room.</summary>
    internal bool AddToChain(int slot, IdToken clOrdId)
    {
        if (!_chains.HasRoom(1) || !_byClOrdId.TryAdd(clOrdId, slot, IdOf(slot).Generation))
        {
            return false;
        }

        _chains.Append(slot, clOrdId);
        return true;
    }

    /// <summary>
    /// Records the venue's OrderID for a row. A venue may assign a new one on replace: the earlier ones stay
    /// indexed while the index holds fewer entries than the table has rows, each until the venue gives it to
    /// another order after this one is done; beyond that a row's earlier OrderID makes way for its new one.
    /// </summary>
    /// <returns>
    /// False when the OrderID names another live order of the same venue (a venue fault): the row keeps it, but a
    /// lookup by it finds the other order. True otherwise, including when there is nothing to record.
    /// </returns>
    internal bool SetVenueOrderId(int slot, IdToken venueOrderId)
    {
        IdToken previous = VenueOrderId[slot];
        if (venueOrderId.IsNone || venueOrderId == previous)
        {
            return true;
        }

        // OrderIDs are each venue's own, so the order's venue is part of the key (decision 0013).
        uint venue = (uint)Flags[slot].Venue;
        if (!previous.IsNone && _byVenueOrderId.Count >= _capacity
            && _byVenueOrderId.TryGetScoped(previous, venue, out int owner) && owner == slot)
        {
            // Superseded OrderIDs fill at most as many entries as there are rows, and current ones at most one per
            // row, so the index (two entries per row) never fills and every row's current OrderID is always found.
            // A late report naming only a dropped one goes by its ClOrdIDs.
            _byVenueOrderId.RemoveScoped(previous, venue);
        }

        VenueOrderId[slot] = venueOrderId;
        if (_byVenueOrderId.TryAddScoped(venueOrderId, venue, slot))
        {
            return true;
        }

        // Taken. A venue may give an OrderID again once the order that had it is done (many number their orders per
        // day, and a restored engine remembers yesterday's): it then names the new order. While the first order is
        // live it keeps the id.
        bool found = _byVenueOrderId.TryGetScoped(venueOrderId, venue, out int holder);
        Checks.Invariant(found, "the venue OrderID index never fills (superseded ids make way)");
        if (found && (holder == slot || !Flags[holder].Status.IsLive()))
        {
            _byVenueOrderId.TryReplaceScoped(venueOrderId, venue, slot);
            return true;
        }

        return false;
    }

    /// <summary>The number of ClOrdIDs in a row's chain.</summary>
    public int ChainLength(int slot) => _chains.Length(slot);

    /// <summary>Copies a row's chain, oldest first, into <paramref name="destination"/>; returns the count written.</summary>
    public int CopyChain(int slot, Span<IdToken> destination) => _chains.Copy(slot, destination);

    /// <summary>The first row in creation order, or -1.</summary>
    public int First => _head;

    /// <summary>The row created after <paramref name="slot"/>, or -1.</summary>
    public int NextOf(int slot) => _next[slot];

    /// <summary>
    /// Lists a row that is live (its strategy and status set) in its strategy's live list, in creation
    /// order. A row already listed stays where it is; a row revived by a bust goes back to its place.
    /// </summary>
    internal void TrackLive(int slot)
    {
        int owner = Strategy[slot];
        if (_live.IsLinked(slot) || !_live.Tracks(owner) || !Flags[slot].Status.IsLive())
        {
            return;
        }

        if (slot == _tail)
        {
            // A new order: the newest row of the session goes last.
            _live.Append(owner, slot);
            return;
        }

        // Usually the row is the newest (new order): the walk stops at once. A revived row walks back over
        // the rows created since, which is rare (a bust of a filled order) and bounded by the session.
        int after = _prev[slot];
        while (after >= 0 && !(_live.IsLinked(after) && Strategy[after] == owner))
        {
            after = _prev[after];
        }

        _live.InsertAfter(owner, slot, after);
    }

    /// <summary>The first row of a strategy's live list, or -1 (see <see cref="NextLiveOf"/>).</summary>
    /// <remarks>The list may still hold rows that ended since the last walk: callers check the status and
    /// drop such rows with <see cref="UntrackLive"/>.</remarks>
    public int FirstLive(int strategy) => _live.First(strategy);

    /// <summary>The next row of the same strategy's live list, or -1.</summary>
    public int NextLiveOf(int slot) => _live.Next(slot);

    /// <summary>Removes a row from its strategy's live list (no-op when not listed).</summary>
    internal void UntrackLive(int slot)
    {
        if (_live.IsLinked(slot))
        {
            _live.Unlink(Strategy[slot], slot);
        }
    }

    /// <summary>True when the row is in its strategy's live list (tests, invariants).</summary>
    public bool IsTrackedLive(int slot) => _live.IsLinked(slot);

    /// <summary>
    /// Frees a terminal row: removes its ids from the indexes and bumps the slot's generation.
    /// Returns false for a live row (live orders are never released).
    /// </summary>
    internal bool Release(int slot)
    {
        if (Flags[slot].Status == OrderStatus.None || !Flags[slot].Status.IsTerminal())
        {
            return false;
        }

        foreach (IdToken id in _chains.IdsOf(slot))
        {
            _byClOrdId.Remove(id);
        }

        _chains.Release(slot);
        uint venue = (uint)Flags[slot].Venue;
        if (!VenueOrderId[slot].IsNone && _byVenueOrderId.TryGetScoped(VenueOrderId[slot], venue, out int s) && s == slot)
        {
            _byVenueOrderId.RemoveScoped(VenueOrderId[slot], venue);
        }

        UntrackLive(slot);
        Unlink(slot);
        ClearRow(slot);
        NextGeneration(slot);
        _freeSlots[_freeCount++] = slot;
        return true;
    }

    // Every generation change goes through here (a snapshot restore, which sets them all, forgets the lookup
    // itself): the remembered lookup may hold the old one.
    private void NextGeneration(int slot)
    {
        Generation[slot]++;
        _foundSlot = -1;
    }

    private void ClearRow(int slot)
    {
        ClOrdId[slot] = default;
        OrigClOrdId[slot] = default;
        VenueOrderId[slot] = default;
        Flags[slot].Status = OrderStatus.None;
        Flags[slot].PreviousStatus = OrderStatus.None;
        Quantities[slot].CumQty = 0;
        Notional[slot] = 0;
        Flags[slot].Overfilled = false;
        PendingClOrdId[slot] = default;
        PendingQty[slot] = 0;
        PendingPrice[slot] = 0;
        PendingStopPx[slot] = 0;
    }

    private void LinkLast(int slot)
    {
        _next[slot] = -1;
        _prev[slot] = _tail;
        if (_tail >= 0)
        {
            _next[_tail] = slot;
        }
        else
        {
            _head = slot;
        }

        _tail = slot;
    }

    private void Unlink(int slot)
    {
        int p = _prev[slot];
        int n = _next[slot];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail = p;
        }
    }

    internal void WriteSnapshot(BinaryWriter w)
    {
        w.Write(_capacity);
        w.Write(_used);
        for (int slot = 0; slot < _used; slot++)
        {
            w.Write(Generation[slot]);
        }

        w.Write(_freeCount);
        for (int i = 0; i < _freeCount; i++)
        {
            w.Write(_freeSlots[i]);
        }

        w.Write(Count);
        for (int slot = _head; slot >= 0; slot = _next[slot])
        {
            w.Write(slot);
            w.Write(ClOrdId[slot]);
            w.Write(OrigClOrdId[slot]);
            w.Write(VenueOrderId[slot]);
            w.Write(Strategy[slot]);
            w.Write(Account[slot]);
            w.Write(Instrument[slot]);
            w.Write(Flags[slot].Venue);
            w.Write((byte)Flags[slot].Side);
            w.Write((byte)Type[slot]);
            w.Write((byte)Tif[slot]);
            w.Write((byte)Flags[slot].Status);
            w.Write((byte)Flags[slot].PreviousStatus);
            w.Write(Flags[slot].Overfilled);
            w.Write(ExpireTime[slot]);
            w.Write(Positions[slot].Account);
            w.Write(Positions[slot].Strategy);
            w.Write(Quantities[slot].OrderQty);
            w.Write(Price[slot]);
            w.Write(StopPx[slot]);
            w.Write(Quantities[slot].CumQty);
            w.Write(Notional[slot]);
            w.Write(Created[slot]);
            w.Write(Updated[slot]);
            w.Write(PendingClOrdId[slot]);
            w.Write(PendingQty[slot]);
            w.Write(PendingPrice[slot]);
            w.Write(PendingStopPx[slot]);
            w.Write(_chains.Length(slot));
            foreach (IdToken id in _chains.IdsOf(slot))
            {
                w.Write(id);
            }
        }

        w.Write(_byVenueOrderId);
    }

    internal void ReadSnapshot(BinaryReader r)
    {
        if (r.ReadInt32() != _capacity || Count != 0)
        {
            throw new InvalidDataException("snapshot order capacity differs from this engine's, or the engine is not empty");
        }

        // Every row number read here is checked against the rows in use before it is stored or used: some columns
        // are indexed without a bounds check (UncheckedColumn), and a row number from the file is the one that
        // the table did not hand out itself.
        _used = r.ReadInt32();
        if ((uint)_used > (uint)_capacity)
        {
            throw new InvalidDataException($"snapshot claims {_used} order rows in use, outside 0 to {_capacity}");
        }

        _foundSlot = -1;
        for (int slot = 0; slot < _used; slot++)
        {
            Generation[slot] = r.ReadUInt32();
        }

        _freeCount = r.ReadInt32();
        if ((uint)_freeCount > (uint)_used)
        {
            throw new InvalidDataException($"snapshot claims {_freeCount} free order rows of {_used}");
        }

        for (int i = 0; i < _freeCount; i++)
        {
            _freeSlots[i] = ReadRow(r);
        }

        int rows = r.ReadInt32();
        if ((uint)rows > (uint)_used)
        {
            throw new InvalidDataException($"snapshot claims {rows} orders in {_used} rows");
        }

        for (int row = 0; row < rows; row++)
        {
            int slot = ReadRow(r);
            ClOrdId[slot] = r.ReadId();
            OrigClOrdId[slot] = r.ReadId();
            VenueOrderId[slot] = r.ReadId();
            Strategy[slot] = r.ReadInt32();
            Account[slot] = r.ReadInt32();
            Instrument[slot] = r.ReadInt32();
            Flags[slot].Venue = r.ReadInt32();
            Flags[slot].Side = (Side)r.ReadByte();
            Type[slot] = (OrderType)r.ReadByte();
            Tif[slot] = (TimeInForce)r.ReadByte();
            Flags[slot].Status = (OrderStatus)r.ReadByte();
            Flags[slot].PreviousStatus = (OrderStatus)r.ReadByte();
            Flags[slot].Overfilled = r.ReadBoolean();
            ExpireTime[slot] = r.ReadInt64();
            Positions[slot] = new PositionRows(r.ReadInt32(), r.ReadInt32());
            Quantities[slot].OrderQty = r.ReadInt64();
            Price[slot] = r.ReadInt64();
            StopPx[slot] = r.ReadInt64();
            Quantities[slot].CumQty = r.ReadInt64();
            Notional[slot] = r.ReadInt128();
            Created[slot] = r.ReadInt64();
            Updated[slot] = r.ReadInt64();
            PendingClOrdId[slot] = r.ReadId();
            PendingQty[slot] = r.ReadInt64();
            PendingPrice[slot] = r.ReadInt64();
            PendingStopPx[slot] = r.ReadInt64();
            int length = r.ReadInt32();
            for (int i = 0; i < length; i++)
            {
                IdToken id = r.ReadId();
                bool ok = _byClOrdId.TryAdd(id, slot, Generation[slot]) && (i == 0 ? _chains.Start(slot, id) : _chains.HasRoom(1));
                if (!ok)
                {
                    throw new InvalidDataException("snapshot ClOrdIDs do not fit this engine's capacity");
                }

                if (i > 0)
                {
                    _chains.Append(slot, id);
                }
            }

            LinkLast(slot);
            TrackLive(slot);
        }

        r.ReadInto(_byVenueOrderId, valueLimit: _used, scoped: true);
    }

    /// <summary>A row number from a snapshot, checked to be a row in use.</summary>
    private int ReadRow(BinaryReader r)
    {
        int slot = r.ReadInt32();
        if ((uint)slot >= (uint)_used)
        {
            throw new InvalidDataException($"snapshot names order row {slot}, outside the {_used} rows in use");
        }

        return slot;
    }
}
