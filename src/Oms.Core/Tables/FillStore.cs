using Oms.Domain;

namespace Oms.Tables;

/// <summary>The life of one applied fill.</summary>
public enum FillState : byte
{
    /// <summary>Counted in the order's CumQty and in positions.</summary>
    Active = 1,
    /// <summary>Reversed by a trade cancel.</summary>
    Busted = 2,
    /// <summary>Replaced by a trade correct (the correction is a fill of its own).</summary>
    Corrected = 3,
}

/// <summary>
/// Every ExecID the engine has applied this session, exactly once each: the duplicate detector, and for
/// fills the record (order, quantity, price, fee) a later bust or correction needs.
/// </summary>
/// <remarks>
/// Duplicate detection is exact over 128-bit ExecID tokens (see <see cref="IdToken"/> and
/// docs/decisions/0003-id-tokens.md), per venue: an ExecID is the sell side's (FIX tag 17), so each venue
/// assigns its own and two venues may send the same one. Every lookup names the venue of the order the report
/// is about (the index's scope, <see cref="TokenIndex.TryGetScoped"/>). Non-fill reports with an ExecID are
/// remembered with no fill record.
/// <para>The index is sized for a session's ExecIDs, far larger than any cache, and each new ExecID lands on a
/// random line of it: a lone report would wait on memory for its duplicate check, then again to index its id.
/// A <see cref="TokenFilter"/> in front answers the check for a new ExecID from a line that stays cached (only
/// a "maybe" asks the index), and a new id's index entry is staged (<see cref="RememberExecId"/>,
/// <see cref="Record"/>) and written by <see cref="CommitPending"/>, which the engine calls once the message
/// is applied and its events published (decision 0015). A staged id counts at once: <see cref="Contains"/> and
/// <see cref="Find"/> see it, and staging another writes it first.</para>
/// Single-threaded: owned by the engine thread.
/// </remarks>
public sealed class FillStore
{
    private readonly TokenIndex _byExecId;
    private readonly TokenFilter _seen;
    private bool _pending;
    private IdToken _pendingExecId;
    private uint _pendingVenue;
    private int _pendingValue;
    private readonly int[] _slot;
    private readonly long[] _qty;
    private readonly long[] _price;
    private readonly long[] _fee;
    private readonly FillState[] _state;
    private readonly Side[] _side;
    // Each fill sits in two position chains (its account's and its strategy's), in arrival order.
    private readonly int[] _nextInAccount;
    private readonly int[] _nextInStrategy;
    // A correction's place in its chains, plus one (see ChainKeyOf); 0 for every other fill, whose place is its
    // index. Written only for corrections, so recording a fill does not touch it.
    private readonly int[] _correctionPlace;
    private int _count;
    private readonly long _hugePageBytes;

    /// <summary>Creates a store for <paramref name="maxExecIds"/> ExecIDs, of which up to <paramref name="maxFills"/> are fills.</summary>
    /// <param name="maxExecIds">ExecIDs remembered at most.</param>
    /// <param name="maxFills">Fills recorded at most.</param>
    /// <param name="hugePages">Ask for 2 MiB pages for the arrays of at least 4 MiB, committing them now (see <see cref="Engine.OmsEngineOptions.HugePages"/>).</param>
    public FillStore(int maxExecIds, int maxFills, bool hugePages = false)
    {
        _byExecId = new TokenIndex(maxExecIds, hugePages);
        _seen = new TokenFilter(maxExecIds, hugePages);
        _slot = HugePages.Allocate<int>(maxFills, hugePages, ref _hugePageBytes);
        _qty = HugePages.Allocate<long>(maxFills, hugePages, ref _hugePageBytes);
        _price = HugePages.Allocate<long>(maxFills, hugePages, ref _hugePageBytes);
        _fee = HugePages.Allocate<long>(maxFills, hugePages, ref _hugePageBytes);
        _state = HugePages.Allocate<FillState>(maxFills, hugePages, ref _hugePageBytes);
        _side = HugePages.Allocate<Side>(maxFills, hugePages, ref _hugePageBytes);
        _nextInAccount = HugePages.Allocate<int>(maxFills, hugePages, ref _hugePageBytes);
        _nextInStrategy = HugePages.Allocate<int>(maxFills, hugePages, ref _hugePageBytes);
        _correctionPlace = HugePages.Allocate<int>(maxFills, hugePages, ref _hugePageBytes);
    }

    /// <summary>Bytes of its arrays the kernel was asked to back with 2 MiB pages (0 when not asked, or too small).</summary>
    internal long HugePageBytes => _hugePageBytes + _byExecId.HugePageBytes + _seen.HugePageBytes;

    /// <summary>Fills recorded.</summary>
    public int Count => _count;

    /// <summary>ExecIDs remembered (staged ones once committed).</summary>
    public int ExecIdCount => _byExecId.Count;

    /// <summary>True when this ExecID of <paramref name="venue"/> was applied before.</summary>
    public bool Contains(IdToken execId, int venue) =>
        IsStaged(execId, venue) || (_seen.MayContain(execId) && _byExecId.TryGetScoped(execId, (uint)venue, out _));

    /// <summary>
    /// Hints the CPU to fetch the lines a lookup of <paramref name="execId"/> and its indexing will read: the
    /// filter's and the index's (from any venue: the id alone picks the lines).
    /// </summary>
    public void PrefetchExecId(IdToken execId)
    {
        _seen.Prefetch(execId);
        _byExecId.Prefetch(execId);
    }

    /// <summary>
    /// Remembers a non-fill ExecID of <paramref name="venue"/>, staged until <see cref="CommitPending"/>. False
    /// when the index would refuse it: no id, the index full, or the id there already.
    /// </summary>
    public bool RememberExecId(IdToken execId, int venue) => Stage(execId, venue, -1);

    /// <summary>Writes the staged ExecID's index entry, if any: call once the message that staged it is applied.</summary>
    public void CommitPending()
    {
        if (!_pending)
        {
            return;
        }

        _pending = false;
        bool added = _byExecId.TryAddScoped(_pendingExecId, _pendingVenue, _pendingValue);
        Checks.Invariant(added, "a staged ExecID is indexed: it was checked absent and the index had room");
        _seen.Add(_pendingExecId);
    }

    /// <summary>True while an ExecID waits for <see cref="CommitPending"/>.</summary>
    internal bool HasPending => _pending;

    private bool IsStaged(IdToken execId, int venue) => _pending && _pendingExecId == execId && _pendingVenue == (uint)venue;

    // Stages an index entry, having decided now what TryAddScoped will answer then: the filter rules out nearly
    // every id it has not seen without a look at the index.
    private bool Stage(IdToken execId, int venue, int value)
    {
        // The engine stages one ExecID per message; anything staged earlier is written first all the same.
        CommitPending();
        if (execId.IsNone || _byExecId.Count >= _byExecId.MaxEntries || Contains(execId, venue))
        {
            return false;
        }

        _pending = true;
        _pendingExecId = execId;
        _pendingVenue = (uint)venue;
        _pendingValue = value;
        return true;
    }

    /// <summary>
    /// Records a fill under its ExecID and venue, the ExecID's index entry staged until
    /// <see cref="CommitPending"/>; returns its index, or -1 when the store or the index is full or the ExecID is
    /// there already. With the store full the ExecID is still remembered (as <see cref="RememberExecId"/> does),
    /// so a redelivery of the fill the store could not hold is still a duplicate, never applied twice.
    /// </summary>
    public int Record(IdToken execId, int venue, int orderSlot, Side side, long qty, long price, long fee)
    {
        if (_count >= _slot.Length)
        {
            Stage(execId, venue, -1);
            return -1;
        }

        if (!Stage(execId, venue, _count))
        {
            return -1;
        }

        int i = _count++;
        if (i + AppendPrefetchDistance < _slot.Length)
        {
            PrefetchRecord(i + AppendPrefetchDistance);
        }

        _slot[i] = orderSlot;
        _qty[i] = qty;
        _price[i] = price;
        _fee[i] = fee;
        _state[i] = FillState.Active;
        _side[i] = side;
        _nextInAccount[i] = -1;
        _nextInStrategy[i] = -1;
        return i;
    }

    /// <summary>How many fills ahead of the one it records <see cref="Record"/> asks for the lines of.</summary>
    internal const int AppendPrefetchDistance = 16;

    /// <summary>Asks for every line recording fill <paramref name="fill"/> will write (in range: the caller checks). Changes nothing.</summary>
    /// <remarks>
    /// Why: fills are appended to eight columns at once, eight sequential write streams, and the hardware's
    /// stream prefetcher does not keep up with them. Each column crosses into a line nothing has touched since
    /// the store was zeroed every few fills; a store to such a line waits on memory, and every store behind it
    /// (the rest of the fill, the event) waits too. Asked for <see cref="AppendPrefetchDistance"/> fills ahead,
    /// the lines are cached when the fill is written.
    /// </remarks>
    private void PrefetchRecord(int fill)
    {
        Prefetch.Element(_slot, fill);
        Prefetch.Element(_qty, fill);
        Prefetch.Element(_price, fill);
        Prefetch.Element(_fee, fill);
        Prefetch.Element(_state, fill);
        Prefetch.Element(_side, fill);
        Prefetch.Element(_nextInAccount, fill);
        Prefetch.Element(_nextInStrategy, fill);
    }

    /// <summary>The fill's quantity signed by side: positive for a buy.</summary>
    public long SignedQtyOf(int fill) => _side[fill] == Side.Buy ? _qty[fill] : -_qty[fill];

    /// <summary>The next fill in a position's chain, or -1.</summary>
    public int NextOf(int fill, PositionOwner owner) => owner == PositionOwner.Account ? _nextInAccount[fill] : _nextInStrategy[fill];

    /// <summary>Sets the next fill in a position's chain.</summary>
    public void SetNext(int fill, PositionOwner owner, int next)
    {
        if (owner == PositionOwner.Account)
        {
            _nextInAccount[fill] = next;
        }
        else
        {
            _nextInStrategy[fill] = next;
        }
    }

    /// <summary>
    /// Where <paramref name="fill"/> sits in its position chains: of two fills in one chain with different
    /// keys, the one with the smaller key comes first; fills with equal keys are a fill and its corrections, in
    /// that order. A fill appended to its chains (every fill but a correction) has its own index as key, and
    /// indexes grow in arrival order. A correction sits right after the fill it corrects and takes that fill's
    /// key (<see cref="TakePlaceOf"/>), so no fill appended after the corrected one compares before it.
    /// </summary>
    public int ChainKeyOf(int fill) => _correctionPlace[fill] == 0 ? fill : _correctionPlace[fill] - 1;

    /// <summary>Gives <paramref name="correction"/> the chain place (<see cref="ChainKeyOf"/>) of the fill it corrects.</summary>
    public void TakePlaceOf(int correction, int corrected) => _correctionPlace[correction] = ChainKeyOf(corrected) + 1;

    /// <summary>Finds the fill recorded under an ExecID of <paramref name="venue"/>; -1 when none (unknown, or a non-fill report).</summary>
    public int Find(IdToken execId, int venue) =>
        IsStaged(execId, venue) ? _pendingValue
        : _seen.MayContain(execId) && _byExecId.TryGetScoped(execId, (uint)venue, out int i) ? i
        : -1;

    /// <summary>The order slot a fill belongs to.</summary>
    public int SlotOf(int fill) => _slot[fill];

    /// <summary>The fill's quantity, raw.</summary>
    public long QtyOf(int fill) => _qty[fill];

    /// <summary>The fill's price, raw.</summary>
    public long PriceOf(int fill) => _price[fill];

    /// <summary>The fill's fee, raw.</summary>
    public long FeeOf(int fill) => _fee[fill];

    /// <summary>The fill's state.</summary>
    public FillState StateOf(int fill) => _state[fill];

    /// <summary>Marks a fill busted or corrected.</summary>
    public void SetState(int fill, FillState state) => _state[fill] = state;

    /// <summary>Forgets everything (a new session).</summary>
    public void Clear()
    {
        _pending = false;
        _byExecId.Clear();
        _seen.Clear();
        _correctionPlace.AsSpan(0, _count).Clear();
        _count = 0;
    }

    internal void WriteSnapshot(BinaryWriter w)
    {
        CommitPending(); // between messages nothing is staged; should anything be, the snapshot holds it
        w.Write(_slot.Length);
        w.Write(_count);
        for (int i = 0; i < _count; i++)
        {
            w.Write(_slot[i]);
            w.Write(_qty[i]);
            w.Write(_price[i]);
            w.Write(_fee[i]);
            w.Write((byte)_state[i]);
            w.Write((byte)_side[i]);
            w.Write(_nextInAccount[i]);
            w.Write(_nextInStrategy[i]);
            w.Write(_correctionPlace[i]);
        }

        w.Write(_byExecId);
    }

    /// <summary>True for -1 (none) or a recorded fill's index.</summary>
    internal bool NamesFillOrNone(int fill) => fill >= -1 && fill < _count;

    /// <summary>Reads what <see cref="WriteSnapshot"/> wrote, checking that every fill names one of the first <paramref name="orderRows"/> order rows.</summary>
    internal void ReadSnapshot(BinaryReader r, int orderRows)
    {
        if (r.ReadInt32() != _slot.Length || _count != 0)
        {
            throw new InvalidDataException("snapshot fill capacity differs from this engine's, or the engine is not empty");
        }

        int count = r.ReadInt32();
        if ((uint)count > (uint)_slot.Length)
        {
            throw new InvalidDataException($"snapshot claims {count} fills, outside 0 to {_slot.Length}");
        }

        _count = count;
        for (int i = 0; i < count; i++)
        {
            _slot[i] = r.ReadInt32();
            _qty[i] = r.ReadInt64();
            _price[i] = r.ReadInt64();
            _fee[i] = r.ReadInt64();
            _state[i] = (FillState)r.ReadByte();
            _side[i] = (Side)r.ReadByte();
            _nextInAccount[i] = r.ReadInt32();
            _nextInStrategy[i] = r.ReadInt32();
            _correctionPlace[i] = r.ReadInt32();
            // Every number that names another fill (or an order row) is checked here: a bad one would otherwise
            // surface as an index out of range (or a chain that never ends) on some later message.
            if ((uint)_slot[i] >= (uint)orderRows || !Enum.IsDefined(_state[i]) || _side[i] == Side.None || !Enum.IsDefined(_side[i])
                || !NamesFillOrNone(_nextInAccount[i]) || !NamesFillOrNone(_nextInStrategy[i])
                || (uint)_correctionPlace[i] > (uint)count)
            {
                throw new InvalidDataException($"snapshot fill {i} has a field out of range");
            }
        }

        r.ReadInto(_byExecId, scoped: true);

        // The filter is not in the snapshot: it is whatever the index holds.
        _seen.Clear();
        for (int bucket = 0; bucket < _byExecId.BucketCount; bucket++)
        {
            if (_byExecId.TryGetBucket(bucket, out IdToken execId, out int fill, out _))
            {
                if (!NamesFillOrNone(fill))
                {
                    throw new InvalidDataException($"snapshot ExecID index names fill {fill}, outside the {count} fills");
                }

                _seen.Add(execId);
            }
        }
    }
}
