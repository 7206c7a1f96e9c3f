using System.Runtime.CompilerServices;
using Oms.Domain;

namespace Oms.Tables;

/// <summary>Whose position a row is.</summary>
public enum PositionOwner : byte
{
    /// <summary>An account's position in an instrument.</summary>
    Account = 1,
    /// <summary>A strategy's position in an instrument.</summary>
    Strategy = 2,
}

/// <summary>
/// Positions per account × instrument and per strategy × instrument, as a preallocated structure of arrays:
/// signed net quantity, cost basis, realized PnL (flips through zero included) and fees, all exact.
/// </summary>
/// <remarks>
/// <para>Cost basis is the signed notional of the open quantity (positive long, negative short); the
/// average cost is cost ÷ net. Reducing a position removes cost in proportion to the quantity closed,
/// truncated toward zero in raw notional units, and realizes the difference: the truncation remainder
/// stays in the basis, so cost − realized always equals the signed sum of all fill notionals, buys positive
/// (nothing is lost to rounding). A trade that crosses zero closes the whole position and opens the rest at
/// the trade price. Each row chains its fills in arrival order; a bust or correction rebuilds the row from
/// its active fills, so the position is exactly what it would have been without the busted fill (a row
/// missing a fill because the fill store was full falls back to booking the opposite trade).</para>
/// <para>The average-cost path depends on the order of the fills, so a fill taken out of the middle changes
/// every state after it. To keep a bust from replaying the whole day, each row keeps a checkpoint, its state
/// before the fill, whenever its count of active fills reaches a multiple of <c>checkpointInterval</c>
/// (so about every interval fills appended to its chain); a rebuild starts at the
/// last checkpoint before the fill that changed and refreshes the checkpoints after it on its way. A bust
/// of a recent fill then costs O(interval) rather than O(fills of the row). Checkpoints are derived data:
/// they are not in the snapshot, and a row without one (the pool ran out) rebuilds from its first fill.</para>
/// <para>Single writer: the engine thread.</para>
/// </remarks>
public sealed class PositionTable
{
    private readonly Dictionary<ulong, int> _index;
    private readonly int _capacity;
    private int _count;
    // Off the per-fill path (written once every interval fills, read by rebuilds): one record per checkpoint.
    private readonly Checkpoint[] _checkpoints;
    private readonly long _checkpointMask; // the interval, a power of two, minus one
    private int _poolUsed;            // pool entries handed out at least once
    private int _freeCheckpoint = -1; // dropped entries, chained through Next, taken before fresh ones
    private int _checkpointsTaken;

    internal readonly PositionOwner[] Owner;
    internal readonly int[] OwnerId;
    internal readonly int[] Instrument;
    internal readonly long[] NetQty;
    internal readonly Int128[] Cost;
    internal readonly Int128[] Realized;
    internal readonly Int128[] Fees;
    internal readonly long[] BoughtQty;
    internal readonly long[] SoldQty;
    internal readonly long[] FillCount;
    internal readonly int[] FirstFill;
    internal readonly int[] LastFill;
    internal readonly bool[] Incomplete;   // a fill of this row could not be recorded: rebook busts as opposite trades
    internal readonly int[] LastCheckpoint;  // the row's newest checkpoint, or -1

    /// <summary>Creates a table for <paramref name="capacity"/> positions.</summary>
    /// <param name="capacity">Rows at most.</param>
    /// <param name="maxFills">Fills the fill store holds at most; sizes the checkpoint pool (0: no checkpoints).</param>
    /// <param name="checkpointInterval">Active fills of a row between two of its checkpoints, a power of two (see the remarks).</param>
    public PositionTable(int capacity, int maxFills = 0, int checkpointInterval = DefaultCheckpointInterval)
    {
        if (checkpointInterval < 1 || (checkpointInterval & (checkpointInterval - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(checkpointInterval), checkpointInterval, "must be a power of two");
        }

        _capacity = capacity;
        _checkpointMask = checkpointInterval - 1;
        // Each fill is appended to two chains, and a row takes a checkpoint about every interval appends.
        _checkpoints = HugePages.Committed<Checkpoint>((int)Math.Min(Array.MaxLength, 2L * maxFills / checkpointInterval));
        // Preallocated to capacity and never grown: a Dictionary that never resizes does not allocate on
        // insert or lookup, and gives O(1) lookup by (owner, id, instrument).
        _index = new Dictionary<ulong, int>(capacity);
        CommitIndex(capacity);
        Owner = HugePages.Committed<PositionOwner>(capacity);
        OwnerId = HugePages.Committed<int>(capacity);
        Instrument = HugePages.Committed<int>(capacity);
        NetQty = HugePages.Committed<long>(capacity);
        Cost = HugePages.Committed<Int128>(capacity);
        Realized = HugePages.Committed<Int128>(capacity);
        Fees = HugePages.Committed<Int128>(capacity);
        BoughtQty = HugePages.Committed<long>(capacity);
        SoldQty = HugePages.Committed<long>(capacity);
        FillCount = HugePages.Committed<long>(capacity);
        FirstFill = HugePages.Committed<int>(capacity);
        LastFill = HugePages.Committed<int>(capacity);
        Incomplete = HugePages.Committed<bool>(capacity);
        LastCheckpoint = HugePages.Committed<int>(capacity);
    }

    /// <summary>
    /// Writes every page of the row index's preallocated storage now (see <see cref="HugePages"/>): filled to
    /// capacity and cleared, the dictionary writes all its buckets and entries, and keeps its capacity.
    /// </summary>
    private void CommitIndex(int capacity)
    {
        for (int i = 0; i < capacity; i++)
        {
            _index.Add((ulong)i, i);
        }

        _index.Clear();
    }

    /// <summary>The default of the <c>checkpointInterval</c> argument (and of <see cref="Engine.OmsEngineOptions.PositionCheckpointInterval"/>).</summary>
    public const int DefaultCheckpointInterval = 64;

    /// <summary>Checkpoints taken (all rows), in fresh pool entries or in dropped ones reused.</summary>
    internal int CheckpointCount => _checkpointsTaken;

    /// <summary>Pool entries handed out at least once: a dropped checkpoint's entry is reused before a fresh one.</summary>
    internal int CheckpointPoolUsed => _poolUsed;

    /// <summary>Rows in use.</summary>
    public int Count => _count;

    /// <summary>Rows it can hold.</summary>
    public int Capacity => _capacity;

    /// <summary>Finds or creates the row for (owner, id, instrument); -1 when the table is full.</summary>
    public int GetOrAdd(PositionOwner owner, int ownerId, int instrument)
    {
        ulong key = Key(owner, ownerId, instrument);
        if (_index.TryGetValue(key, out int row))
        {
            return row;
        }

        if (_count >= _capacity)
        {
            return -1;
        }

        row = _count++;
        _index.Add(key, row);
        FirstFill[row] = -1;
        LastFill[row] = -1;
        LastCheckpoint[row] = -1;
        Owner[row] = owner;
        OwnerId[row] = ownerId;
        Instrument[row] = instrument;
        return row;
    }

    /// <summary>
    /// Finds or creates an order's two rows, the account's and the strategy's, in <paramref name="instrument"/>:
    /// both or neither (false when the table has no room for the ones missing; nothing is created then).
    /// </summary>
    internal bool TryGetOrAddPair(int accountId, int strategyId, int instrument, out PositionRows rows)
    {
        int account = Find(PositionOwner.Account, accountId, instrument);
        int strategy = Find(PositionOwner.Strategy, strategyId, instrument);
        if (_count + (account < 0 ? 1 : 0) + (strategy < 0 ? 1 : 0) > _capacity)
        {
            rows = PositionRows.None;
            return false;
        }

        rows = new PositionRows(
            account >= 0 ? account : GetOrAdd(PositionOwner.Account, accountId, instrument),
            strategy >= 0 ? strategy : GetOrAdd(PositionOwner.Strategy, strategyId, instrument));
        return true;
    }

    /// <summary>Finds the row for (owner, id, instrument); -1 when it does not exist.</summary>
    public int Find(PositionOwner owner, int ownerId, int instrument) =>
        _index.TryGetValue(Key(owner, ownerId, instrument), out int row) ? row : -1;

    /// <summary>Applies a trade of signed quantity <paramref name="signedQty"/> (buy positive) at <paramref name="price"/> with <paramref name="fee"/>.</summary>
    public void ApplyTrade(int row, long signedQty, long price, long fee)
    {
        Checks.Invariant(signedQty != 0, "a trade has quantity");
        long net = NetQty[row];
        Fees[row] = Int128Ops.Add(Fees[row], fee);
        FillCount[row]++;
        if (signedQty > 0)
        {
            BoughtQty[row] += signedQty;
        }
        else
        {
            SoldQty[row] -= signedQty;
        }

        if (net == 0 || (net > 0) == (signedQty > 0))
        {
            Cost[row] = Int128Ops.Add(Cost[row], FixedPoint.Notional(price, signedQty));
            NetQty[row] = net + signedQty;
            return;
        }

        long absNet = Math.Abs(net);
        long absQty = Math.Abs(signedQty);
        long closing = Math.Min(absNet, absQty);
        Int128 removed = Cost[row] * closing / absNet;   // truncates toward zero
        Int128 proceeds = FixedPoint.Notional(price, net > 0 ? closing : -closing);
        Realized[row] = Int128Ops.Add(Realized[row], Int128Ops.Sub(proceeds, removed));
        Cost[row] = Int128Ops.Sub(Cost[row], removed);
        long remaining = absQty - closing;
        if (remaining == 0)
        {
            NetQty[row] = net + signedQty;
            return;
        }

        // Flip through zero: the rest opens a new position at the trade price.
        Checks.Invariant(closing == absNet, "a flip closes the whole position first");
        long opened = signedQty > 0 ? remaining : -remaining;
        Cost[row] = FixedPoint.Notional(price, opened);
        NetQty[row] = opened;
    }

    /// <summary>
    /// True when a trade of <paramref name="qty"/> (positive, either side) leaves the row's bought, sold and net
    /// quantities in range.
    /// </summary>
    public bool TradeFits(int row, long qty) =>
        qty <= long.MaxValue - BoughtQty[row] && qty <= long.MaxValue - SoldQty[row] && qty <= long.MaxValue - Math.Abs(NetQty[row]);

    /// <summary>Appends a recorded fill to the row's chain; call before applying its trade (a checkpoint taken here is the state before it).</summary>
    public void LinkFill(int row, FillStore fills, int fill)
    {
        PositionOwner owner = Owner[row];
        fills.SetNext(fill, owner, -1);
        if (LastFill[row] < 0)
        {
            FirstFill[row] = fill;
        }
        else
        {
            fills.SetNext(LastFill[row], owner, fill);
        }

        LastFill[row] = fill;
        // FillCount is on a line the fill's trade reads next anyway: no line of its own for the pacing.
        long active = FillCount[row];
        if ((active & _checkpointMask) == 0 && active != 0)
        {
            TakeCheckpoint(row, fill);
        }
    }

    /// <summary>Links a correction into the row's chain right after the fill it corrects, <paramref name="corrected"/> (see <see cref="FillStore.TakePlaceOf"/>).</summary>
    public void LinkCorrection(int row, FillStore fills, int correction, int corrected)
    {
        PositionOwner owner = Owner[row];
        fills.SetNext(correction, owner, fills.NextOf(corrected, owner));
        fills.SetNext(corrected, owner, correction);
        if (LastFill[row] == corrected)
        {
            LastFill[row] = correction;
        }
    }

    /// <summary>Saves the row's state as the checkpoint before <paramref name="fill"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // once every interval fills: keep it out of the append path
    private void TakeCheckpoint(int row, int fill)
    {
        int cp = _freeCheckpoint;
        if (cp >= 0)
        {
            _freeCheckpoint = _checkpoints[cp].Next;
        }
        else if (_poolUsed < _checkpoints.Length)
        {
            cp = _poolUsed++;
        }
        else
        {
            // Rare: the pool has room for one per interval appends, and only busts (a row's count passing the
            // same multiple twice) use more. A rebuild then starts from an older one.
            return;
        }

        _checkpointsTaken++;
        ref Checkpoint c = ref _checkpoints[cp];
        c.Fill = fill;
        c.Previous = LastCheckpoint[row];
        c.Next = -1;
        c.State = StateOf(row);
        if (c.Previous >= 0)
        {
            _checkpoints[c.Previous].Next = cp;
        }

        LastCheckpoint[row] = cp;
    }

    /// <summary>
    /// Rebuilds a row from its active fills in arrival order: after a bust or correction the position is
    /// exactly what it would be had the busted fill never happened (or had the corrected one been right).
    /// </summary>
    /// <remarks>
    /// Starts from the row's last checkpoint taken before <paramref name="changed"/> (or from its first fill
    /// when <paramref name="changed"/> is -1 or no checkpoint comes before it), and refreshes every checkpoint
    /// after it on the way: O(checkpoint interval + fills after <paramref name="changed"/> in the row). Fills
    /// no longer active that it passes leave the chain (all but the one it starts at, whose predecessor it
    /// does not know), so a run of busts does not leave later rebuilds walking over them; a checkpoint on such
    /// a fill moves to the fill after it, which has the same state before it.
    /// </remarks>
    /// <param name="row">The row.</param>
    /// <param name="fills">The fill store the row's chain runs through.</param>
    /// <param name="changed">The fill whose state changed (busted, corrected, or a correction just linked); -1 to rebuild from the start.</param>
    public void Recompute(int row, FillStore fills, int changed = -1)
    {
        // The newest checkpoint whose fill comes no later in the chain than the changed one: nothing before it moved.
        int from = LastCheckpoint[row];
        int after = -1;
        while (from >= 0 && (changed < 0 || fills.ChainKeyOf(_checkpoints[from].Fill) > fills.ChainKeyOf(changed)))
        {
            after = from;
            from = _checkpoints[from].Previous;
        }

        int f;
        int previous; // the fill before f in the chain: ChainHead when f is the first, UnknownFill at the start
        if (from >= 0)
        {
            SetState(row, in _checkpoints[from].State);
            f = _checkpoints[from].Fill;
            previous = UnknownFill;
        }
        else
        {
            SetState(row, default);
            f = FirstFill[row];
            previous = ChainHead;
        }

        PositionOwner owner = Owner[row];
        int carried = -1; // a checkpoint moved onto f from the inactive fill before it
        while (f >= 0)
        {
            int next = fills.NextOf(f, owner);
            int here = carried;
            carried = -1;
            if (after >= 0 && _checkpoints[after].Fill == f)
            {
                if (here >= 0)
                {
                    DropCheckpoint(row, here); // the same state as the one already on f
                }

                here = after;
                after = _checkpoints[after].Next;
            }

            if (here >= 0)
            {
                _checkpoints[here].State = StateOf(row);
            }

            if (fills.StateOf(f) == FillState.Active)
            {
                ApplyTrade(row, fills.SignedQtyOf(f), fills.PriceOf(f), fills.FeeOf(f));
                previous = f;
            }
            else if (previous != UnknownFill)
            {
                Unlink(row, fills, previous, f, next);
                if (here >= 0 && next >= 0)
                {
                    _checkpoints[here].Fill = next;
                    carried = here;
                }
                else if (here >= 0)
                {
                    DropCheckpoint(row, here);
                }
            }
            else
            {
                previous = f;
            }

            f = next;
        }
    }

    private const int ChainHead = -1;
    private const int UnknownFill = -2;

    /// <summary>Takes inactive fill <paramref name="fill"/> out of the row's chain.</summary>
    private void Unlink(int row, FillStore fills, int previous, int fill, int next)
    {
        if (previous == ChainHead)
        {
            FirstFill[row] = next;
        }
        else
        {
            fills.SetNext(previous, Owner[row], next);
        }

        if (LastFill[row] == fill)
        {
            LastFill[row] = previous == ChainHead ? -1 : previous;
        }
    }

    /// <summary>Takes a checkpoint out of its row's list and returns its pool entry for the next one taken.</summary>
    private void DropCheckpoint(int row, int cp)
    {
        int p = _checkpoints[cp].Previous;
        int n = _checkpoints[cp].Next;
        if (p >= 0)
        {
            _checkpoints[p].Next = n;
        }

        if (n >= 0)
        {
            _checkpoints[n].Previous = p;
        }
        else
        {
            LastCheckpoint[row] = p;
        }

        _checkpoints[cp].Previous = -1;
        _checkpoints[cp].Next = _freeCheckpoint;
        _freeCheckpoint = cp;
    }

    /// <summary>
    /// After a snapshot load (checkpoints are not in it): replays every complete row's chain from its first
    /// fill, taking its checkpoints again. Returns the first row whose replay disagrees with its loaded state
    /// (the snapshot's positions and fills do not belong together), whose first or last fill is not a recorded
    /// one, or whose chain is longer than the fills recorded (a cycle), or -1.
    /// </summary>
    internal int RebuildCheckpoints(FillStore fills)
    {
        _poolUsed = 0;
        _freeCheckpoint = -1;
        _checkpointsTaken = 0;
        for (int row = 0; row < _count; row++)
        {
            LastCheckpoint[row] = -1;
            if (!fills.NamesFillOrNone(FirstFill[row]) || !fills.NamesFillOrNone(LastFill[row]))
            {
                return row;
            }

            if (Incomplete[row])
            {
                // Never rebuilt from its chain (its busts book opposite trades), so it needs no checkpoints.
                continue;
            }

            PositionState loaded = StateOf(row);
            SetState(row, default);
            PositionOwner owner = Owner[row];
            int steps = 0;
            for (int f = FirstFill[row]; f >= 0; f = fills.NextOf(f, owner))
            {
                if (++steps > fills.Count)
                {
                    return row;
                }

                if (fills.StateOf(f) == FillState.Active)
                {
                    // The rule LinkFill follows, for the fills still active.
                    if ((FillCount[row] & _checkpointMask) == 0 && FillCount[row] != 0)
                    {
                        TakeCheckpoint(row, f);
                    }

                    ApplyTrade(row, fills.SignedQtyOf(f), fills.PriceOf(f), fills.FeeOf(f));
                }
            }

            if (!StateOf(row).Equals(loaded))
            {
                return row;
            }
        }

        return -1;
    }

    /// <summary>
    /// Checks every complete row against a replay of its chain: each checkpoint must hold the state before its
    /// fill, and the row the state after the last; and the checkpoint pool's entries handed out are all in the
    /// rows' lists or the free list. Returns the first disagreement, or null. The rows are left as they were.
    /// </summary>
    internal string? CheckChains(FillStore fills)
    {
        for (int row = 0; row < _count; row++)
        {
            if (Incomplete[row])
            {
                continue;
            }

            PositionState actual = StateOf(row);
            SetState(row, default);
            int cp = LastCheckpoint[row];
            int oldest = -1;
            while (cp >= 0)
            {
                oldest = cp;
                cp = _checkpoints[cp].Previous;
            }

            string? problem = null;
            PositionOwner owner = Owner[row];
            for (int f = FirstFill[row]; f >= 0 && problem is null; f = fills.NextOf(f, owner))
            {
                if (oldest >= 0 && _checkpoints[oldest].Fill == f)
                {
                    if (!_checkpoints[oldest].State.Equals(StateOf(row)))
                    {
                        problem = $"position row {row}: the checkpoint before fill {f} disagrees with a replay of the chain";
                    }

                    oldest = _checkpoints[oldest].Next;
                }

                if (fills.StateOf(f) == FillState.Active)
                {
                    ApplyTrade(row, fills.SignedQtyOf(f), fills.PriceOf(f), fills.FeeOf(f));
                }
            }

            problem ??= oldest >= 0 ? $"position row {row}: checkpoint {oldest} names fill {_checkpoints[oldest].Fill}, not in the row's chain"
                : !StateOf(row).Equals(actual) ? $"position row {row}: its state disagrees with a replay of its fills"
                : null;
            SetState(row, in actual);
            if (problem is not null)
            {
                return problem;
            }
        }

        // Every pool entry handed out is in the rows' lists or the free list: none leaked, none listed twice.
        long listed = 0;
        for (int row = 0; row < _count; row++)
        {
            for (int cp = LastCheckpoint[row]; cp >= 0 && listed <= _poolUsed; cp = _checkpoints[cp].Previous)
            {
                listed++;
            }
        }

        for (int cp = _freeCheckpoint; cp >= 0 && listed <= _poolUsed; cp = _checkpoints[cp].Next)
        {
            listed++;
        }

        return listed == _poolUsed ? null
            : $"checkpoint pool: {listed} entries in the rows' lists and the free list, {_poolUsed} handed out";
    }

    private PositionState StateOf(int row) => new()
    {
        NetQty = NetQty[row],
        Cost = Cost[row],
        Realized = Realized[row],
        Fees = Fees[row],
        BoughtQty = BoughtQty[row],
        SoldQty = SoldQty[row],
        FillCount = FillCount[row],
    };

    private void SetState(int row, in PositionState s)
    {
        NetQty[row] = s.NetQty;
        Cost[row] = s.Cost;
        Realized[row] = s.Realized;
        Fees[row] = s.Fees;
        BoughtQty[row] = s.BoughtQty;
        SoldQty[row] = s.SoldQty;
        FillCount[row] = s.FillCount;
    }

    /// <summary>Average cost of the open position, raw at the price scale (0 when flat).</summary>
    public long AverageCost(int row) => FixedPoint.AveragePrice(Cost[row], NetQty[row]);

    /// <summary>Net quantity of a row.</summary>
    public long NetQtyOf(int row) => NetQty[row];

    /// <summary>Realized PnL of a row, raw at the notional scale.</summary>
    public Int128 RealizedOf(int row) => Realized[row];

    /// <summary>Fees of a row, raw at the notional scale.</summary>
    public Int128 FeesOf(int row) => Fees[row];

    /// <summary>The owner kind of a row.</summary>
    public PositionOwner OwnerOf(int row) => Owner[row];

    /// <summary>The owner id (account or strategy) of a row.</summary>
    public int OwnerIdOf(int row) => OwnerId[row];

    /// <summary>The instrument of a row.</summary>
    public int InstrumentOf(int row) => Instrument[row];

    private static ulong Key(PositionOwner owner, int ownerId, int instrument) =>
        ((ulong)owner << 56) | ((ulong)(uint)ownerId << 28) ^ (uint)instrument;

    internal void WriteSnapshot(BinaryWriter w)
    {
        w.Write(_capacity);
        w.Write(_count);
        for (int row = 0; row < _count; row++)
        {
            w.Write((byte)Owner[row]);
            w.Write(OwnerId[row]);
            w.Write(Instrument[row]);
            w.Write(NetQty[row]);
            w.Write(Cost[row]);
            w.Write(Realized[row]);
            w.Write(Fees[row]);
            w.Write(BoughtQty[row]);
            w.Write(SoldQty[row]);
            w.Write(FillCount[row]);
            w.Write(FirstFill[row]);
            w.Write(LastFill[row]);
            w.Write(Incomplete[row]);
        }
    }

    internal void ReadSnapshot(BinaryReader r)
    {
        if (r.ReadInt32() != _capacity || _count != 0)
        {
            throw new InvalidDataException("snapshot position capacity differs from this engine's, or the engine is not empty");
        }

        int rows = r.ReadInt32();
        for (int i = 0; i < rows; i++)
        {
            var owner = (PositionOwner)r.ReadByte();
            int row = GetOrAdd(owner, r.ReadInt32(), r.ReadInt32());
            NetQty[row] = r.ReadInt64();
            Cost[row] = r.ReadInt128();
            Realized[row] = r.ReadInt128();
            Fees[row] = r.ReadInt128();
            BoughtQty[row] = r.ReadInt64();
            SoldQty[row] = r.ReadInt64();
            FillCount[row] = r.ReadInt64();
            FirstFill[row] = r.ReadInt32();
            LastFill[row] = r.ReadInt32();
            Incomplete[row] = r.ReadBoolean();
        }
    }

    /// <summary>Every counter of a row: what a checkpoint saves.</summary>
    /// <remarks>The 16-byte-aligned fields first: 80 bytes with no padding, and a <see cref="Checkpoint"/> of 96.</remarks>
    private record struct PositionState
    {
        public Int128 Cost;
        public Int128 Realized;
        public Int128 Fees;
        public long NetQty;
        public long BoughtQty;
        public long SoldQty;
        public long FillCount;
    }

    /// <summary>A row's state before <see cref="Fill"/>, one of the fills appended to its chain; linked to the row's other checkpoints in chain order.</summary>
    private struct Checkpoint
    {
        public int Fill;
        public int Previous;
        public int Next;
        public PositionState State;
    }
}
