using System.Diagnostics;
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
/// <para>Single writer: the engine thread.</para>
/// </remarks>
public sealed class PositionTable
{
    private readonly Dictionary<ulong, int> _index;
    private readonly int _capacity;
    private int _count;

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

    /// <summary>Creates a table for <paramref name="capacity"/> positions.</summary>
    public PositionTable(int capacity)
    {
        _capacity = capacity;
        // Preallocated to capacity and never grown: a Dictionary that never resizes does not allocate on
        // insert or lookup, and gives O(1) lookup by (owner, id, instrument).
        _index = new Dictionary<ulong, int>(capacity);
        Owner = new PositionOwner[capacity];
        OwnerId = new int[capacity];
        Instrument = new int[capacity];
        NetQty = new long[capacity];
        Cost = new Int128[capacity];
        Realized = new Int128[capacity];
        Fees = new Int128[capacity];
        BoughtQty = new long[capacity];
        SoldQty = new long[capacity];
        FillCount = new long[capacity];
        FirstFill = new int[capacity];
        LastFill = new int[capacity];
        Incomplete = new bool[capacity];
    }

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
        Owner[row] = owner;
        OwnerId[row] = ownerId;
        Instrument[row] = instrument;
        return row;
    }

    /// <summary>Finds the row for (owner, id, instrument); -1 when it does not exist.</summary>
    public int Find(PositionOwner owner, int ownerId, int instrument) =>
        _index.TryGetValue(Key(owner, ownerId, instrument), out int row) ? row : -1;

    /// <summary>Applies a trade of signed quantity <paramref name="signedQty"/> (buy positive) at <paramref name="price"/> with <paramref name="fee"/>.</summary>
    public void ApplyTrade(int row, long signedQty, long price, long fee)
    {
        Debug.Assert(signedQty != 0, "Invariant: a trade has quantity");
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
        Debug.Assert(closing == absNet, "Invariant: a flip closes the whole position first");
        long opened = signedQty > 0 ? remaining : -remaining;
        Cost[row] = FixedPoint.Notional(price, opened);
        NetQty[row] = opened;
    }

    /// <summary>
    /// Links a recorded fill into the row's chain: at the end, or right after <paramref name="after"/> (a
    /// correction takes the place of the fill it corrects).
    /// </summary>
    public void LinkFill(int row, FillStore fills, int fill, int after = -1)
    {
        PositionOwner owner = Owner[row];
        if (after >= 0)
        {
            fills.SetNext(fill, owner, fills.NextOf(after, owner));
            fills.SetNext(after, owner, fill);
            if (LastFill[row] == after)
            {
                LastFill[row] = fill;
            }

            return;
        }

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
    }

    /// <summary>
    /// Rebuilds a row from its active fills in arrival order: after a bust or correction the position is
    /// exactly what it would be had the busted fill never happened (or had the corrected one been right).
    /// Costs O(fills of the row); busts and corrections are rare.
    /// </summary>
    public void Recompute(int row, FillStore fills)
    {
        NetQty[row] = 0;
        Cost[row] = 0;
        Realized[row] = 0;
        Fees[row] = 0;
        BoughtQty[row] = 0;
        SoldQty[row] = 0;
        FillCount[row] = 0;
        PositionOwner owner = Owner[row];
        for (int f = FirstFill[row]; f >= 0; f = fills.NextOf(f, owner))
        {
            if (fills.StateOf(f) == FillState.Active)
            {
                ApplyTrade(row, fills.SignedQtyOf(f), fills.PriceOf(f), fills.FeeOf(f));
            }
        }
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
}
