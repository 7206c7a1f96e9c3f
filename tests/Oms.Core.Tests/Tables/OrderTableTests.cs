using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

public sealed class OrderTableTests
{
    [Fact]
    public void RowRecords_Sizes_AreEightAndSixteenBytes()
    {
        // docs/decisions/0010-order-row-records.md: a record holds only fields every report reads, and its size
        // divides a line, so a field added carelessly shows here.
        Assert.Equal(8, Unsafe.SizeOf<OrderFlags>());
        Assert.Equal(16, Unsafe.SizeOf<OrderQuantities>());
    }

    /// <summary>
    /// A table of capacity 8 with four rows used: C released (free), A, B and D in use, D at venue 2 with a venue OrderID.
    /// Its snapshot starts: capacity, rows used (offset 4), 4 generations, free count (24), the free row (28),
    /// orders (32), the first order's row (36); it ends with the venue index's one entry, whose row is the last
    /// 4 bytes.
    /// </summary>
    private static byte[] SmallTableSnapshot()
    {
        var table = new OrderTable(capacity: 8, maxClOrdIds: 32);
        int[] rows = new[] { "A", "B", "C", "D" }.Select(id => table.Allocate(IdToken.FromString(id))).ToArray();
        foreach (int row in rows)
        {
            table.Flags[row].Status = OrderStatus.New;
        }

        table.Flags[rows[2]].Status = OrderStatus.Canceled;
        Assert.True(table.Release(rows[2]));
        table.Flags[rows[3]].Venue = 2;
        table.SetVenueOrderId(rows[3], IdToken.FromString("V-D"));
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            table.WriteSnapshot(w);
        }

        return stream.ToArray();
    }

    private static OrderTable ReadSmallTable(byte[] snapshot)
    {
        var table = new OrderTable(capacity: 8, maxClOrdIds: 32);
        using var r = new BinaryReader(new MemoryStream(snapshot));
        table.ReadSnapshot(r);
        return table;
    }

    [Fact]
    public void ReadSnapshot_Untouched_RestoresRowsAndIndexes()
    {
        OrderTable table = ReadSmallTable(SmallTableSnapshot());

        Assert.Equal(3, table.Count);
        Assert.True(table.TryFindByVenueOrderId(2, IdToken.FromString("V-D"), out int d));
        Assert.False(table.TryFindByVenueOrderId(1, IdToken.FromString("V-D"), out _)); // another venue's OrderID
        Assert.True(table.TryFindByClOrdId(IdToken.FromString("D"), out int byClOrdId) && byClOrdId == d);
        Assert.False(table.TryFindByClOrdId(IdToken.FromString("C"), out _));
    }

    [Theory]
    [InlineData(4, 9, "rows in use")]          // more rows used than the table has
    [InlineData(28, 4, "order row 4")]         // a free row past the rows used
    [InlineData(36, -1, "order row -1")]       // an order's row number negative
    [InlineData(36, 8, "order row 8")]         // an order's row number past the table
    [InlineData(-8, 7, "names row 7")]         // the venue index pointing past the rows used (its last entry: value, tag)
    public void ReadSnapshot_RowNumberOutOfRange_RefusedBeforeUse(int offset, int value, string message)
    {
        // Some columns are indexed without a bounds check (UncheckedColumn): a row number from a file must be
        // refused as bad data before it reaches them, never written through.
        byte[] snapshot = SmallTableSnapshot();
        BitConverter.TryWriteBytes(snapshot.AsSpan(offset < 0 ? snapshot.Length + offset : offset), value);

        var e = Assert.Throws<InvalidDataException>(() => ReadSmallTable(snapshot));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Release_RecycledSlot_OldIdNeverAliasesNewOrder()
    {
        var table = new OrderTable(capacity: 1, maxClOrdIds: 4);
        IdToken first = IdToken.FromString("A");
        int slot = table.Allocate(first);
        OrderId oldId = table.IdOf(slot);
        table.Flags[slot].Status = OrderStatus.Filled;
        Assert.True(table.AddToChain(slot, IdToken.FromString("A-cancel")));

        Assert.True(table.Release(slot));
        Assert.False(table.TryResolve(oldId, out _));
        Assert.False(table.TryFindByClOrdId(first, out _));
        Assert.False(table.TryFindByClOrdId(IdToken.FromString("A-cancel"), out _));

        int again = table.Allocate(IdToken.FromString("B"));
        table.Flags[again].Status = OrderStatus.PendingNew;
        Assert.Equal(slot, again);
        OrderId newId = table.IdOf(again);
        Assert.NotEqual(oldId, newId);
        Assert.False(table.TryResolve(oldId, out _));
        Assert.True(table.TryResolve(newId, out int resolved) && resolved == slot);
    }

    [Fact]
    public void Release_ChainLongerThanSixtyFour_EveryIdForgottenWithoutAllocating()
    {
        // An order replaced a hundred times: every ClOrdID it was known by leaves the index, read in place.
        var table = new OrderTable(capacity: 2, maxClOrdIds: 256);
        int slot = table.Allocate(IdToken.FromString("R-0"));
        for (int i = 1; i < 100; i++)
        {
            Assert.True(table.AddToChain(slot, IdToken.FromString($"R-{i}")));
        }

        table.Flags[slot].Status = OrderStatus.Canceled;
        IdToken[] ids = [.. Enumerable.Range(0, 100).Select(i => IdToken.FromString($"R-{i}"))];
        Assert.All(ids, id => Assert.True(table.TryFindByClOrdId(id, out _)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(table.Release(slot));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(ids, id => Assert.False(table.TryFindByClOrdId(id, out _)));
        int again = table.Allocate(IdToken.FromString("S"));
        Assert.True(table.AddToChain(again, IdToken.FromString("S-1")));
        Assert.Equal(2, table.ChainLength(again));
    }

    [Fact]
    public void IdOf_AfterLookupThenRecycle_GivesTheNewGeneration()
    {
        // IdOf answers from the last ClOrdID lookup's index entry; recycling the row must not leave it stale.
        var table = new OrderTable(capacity: 1, maxClOrdIds: 4);
        IdToken first = IdToken.FromString("A");
        int slot = table.Allocate(first);
        Assert.True(table.TryFindByClOrdId(first, out int found) && found == slot);
        OrderId oldId = table.IdOf(slot);
        table.Flags[slot].Status = OrderStatus.Canceled;
        Assert.True(table.Release(slot));

        int again = table.Allocate(IdToken.FromString("B"));
        Assert.Equal(slot, again);
        table.Flags[again].Status = OrderStatus.New;
        OrderId newId = table.IdOf(again);
        Assert.NotEqual(oldId.Generation, newId.Generation);
        Assert.True(table.TryResolve(newId, out _));

        // A request's ClOrdID is indexed under the row's current generation, so finding the row by it agrees.
        Assert.True(table.AddToChain(again, IdToken.FromString("B-cancel")));
        Assert.True(table.TryFindByClOrdId(IdToken.FromString("B-cancel"), out found) && found == again);
        Assert.Equal(newId, table.IdOf(again));
        Assert.True(table.TryFindByClOrdId(IdToken.FromString("B"), out _));
        Assert.Equal(newId, table.IdOf(again));
    }

    [Fact]
    public void Release_LiveOrder_Refused()
    {
        var table = new OrderTable(2, 8);
        int slot = table.Allocate(IdToken.FromString("A"));
        table.Flags[slot].Status = OrderStatus.New;
        Assert.False(table.Release(slot));
        Assert.True(table.TryFindByClOrdId(IdToken.FromString("A"), out _));
    }

    [Fact]
    public void Allocate_Full_ReturnsMinusOne()
    {
        var table = new OrderTable(2, 8);
        Assert.True(table.Allocate(IdToken.FromString("A")) >= 0);
        Assert.True(table.Allocate(IdToken.FromString("B")) >= 0);
        Assert.True(table.IsFull);
        Assert.Equal(-1, table.Allocate(IdToken.FromString("C")));
    }

    [Fact]
    public void Chain_KeepsEveryClOrdIdInOrder()
    {
        var table = new OrderTable(2, 8);
        int slot = table.Allocate(IdToken.FromString("A"));
        table.AddToChain(slot, IdToken.FromString("A2"));
        table.AddToChain(slot, IdToken.FromString("A3"));
        Span<IdToken> chain = stackalloc IdToken[8];
        int n = table.CopyChain(slot, chain);
        Assert.Equal(3, n);
        Assert.Equal(IdToken.FromString("A3"), chain[2]);
        Assert.False(table.AddToChain(slot, IdToken.FromString("A2")));
    }
}
