using System.Reflection;
using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

/// <summary>
/// A position rebuilt from its checkpoints after a bust or correction is exactly the position replayed from
/// its first fill; the checkpoints themselves stay true; a rebuild really starts at the checkpoint.
/// </summary>
public sealed class PositionTableTests
{
    private const int Instrument = 1;

    /// <summary>One account row and one strategy row, both fed the same fills, and the fills in chain order.</summary>
    private sealed class Book
    {
        public readonly FillStore Fills;
        public readonly PositionTable Table;
        public readonly int[] Rows;
        public readonly List<int> Chain = []; // active fills in chain order: the oracle replays these
        private int _execIds;

        public Book(int maxFills, int interval, int poolFills = -1)
        {
            Fills = new FillStore(maxFills * 2, maxFills);
            Table = new PositionTable(4, poolFills < 0 ? maxFills : poolFills, interval);
            Rows = [Table.GetOrAdd(PositionOwner.Account, 1, Instrument), Table.GetOrAdd(PositionOwner.Strategy, 1, Instrument)];
        }

        public int Add(Side side, long qty, long price, long fee)
        {
            int f = Fills.Record(IdToken.FromString($"E{++_execIds}"), 1, 0, side, qty, price, fee);
            Fills.CommitPending();
            Assert.True(f >= 0);
            foreach (int row in Rows)
            {
                Table.LinkFill(row, Fills, f);
                Table.ApplyTrade(row, Fills.SignedQtyOf(f), price, fee);
            }

            Chain.Add(f);
            return f;
        }

        public void Bust(int fill)
        {
            Fills.SetState(fill, FillState.Busted);
            Chain.Remove(fill);
            foreach (int row in Rows)
            {
                Table.Recompute(row, Fills, changed: fill);
            }
        }

        public int Correct(int fill, long qty, long price, long fee)
        {
            Fills.SetState(fill, FillState.Corrected);
            Side side = Fills.SignedQtyOf(fill) > 0 ? Side.Buy : Side.Sell;
            int c = Fills.Record(IdToken.FromString($"E{++_execIds}"), 1, 0, side, qty, price, fee);
            Fills.CommitPending();
            Fills.TakePlaceOf(c, fill);
            foreach (int row in Rows)
            {
                Table.LinkCorrection(row, Fills, c, fill);
                Table.Recompute(row, Fills, changed: fill);
            }

            Chain[Chain.IndexOf(fill)] = c;
            return c;
        }

        /// <summary>The row's counters.</summary>
        public (long Net, Int128 Cost, Int128 Realized, Int128 Fees, long Bought, long Sold, long Count) State(int row) =>
            (Table.NetQty[row], Table.Cost[row], Table.Realized[row], Table.Fees[row], Table.BoughtQty[row], Table.SoldQty[row], Table.FillCount[row]);

        /// <summary>What the rows should hold: the listed fills traded in order on a fresh table with no checkpoints.</summary>
        public (long, Int128, Int128, Int128, long, long, long) Oracle(IEnumerable<int> fills)
        {
            var fresh = new PositionTable(2);
            int row = fresh.GetOrAdd(PositionOwner.Account, 1, Instrument);
            foreach (int f in fills)
            {
                fresh.ApplyTrade(row, Fills.SignedQtyOf(f), Fills.PriceOf(f), Fills.FeeOf(f));
            }

            return (fresh.NetQty[row], fresh.Cost[row], fresh.Realized[row], fresh.Fees[row], fresh.BoughtQty[row], fresh.SoldQty[row], fresh.FillCount[row]);
        }

        /// <summary>Both rows hold what replaying the active fills in chain order gives.</summary>
        public void AssertRowsMatchTheChain(string context = "")
        {
            var expected = Oracle(Chain);
            foreach (int row in Rows)
            {
                Assert.True(expected == State(row), $"{context} row {row}: {State(row)}, expected {expected}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 8)]
    [InlineData(4, 64)]
    [InlineData(5, 2, 300)] // a pool for a tenth of the fills' checkpoints: dropped entries are taken again
    public void Recompute_AfterRandomBustsAndCorrections_SameAsReplayingEveryActiveFill(int seed, int interval, int poolFills = -1)
    {
        const int Steps = 3_000;
        var book = new Book(Steps, interval, poolFills);
        var random = new Random(seed);
        int busts = 0, corrections = 0;
        for (int step = 0; step < Steps; step++)
        {
            int roll = random.Next(10);
            if (roll < 7 || book.Chain.Count == 0)
            {
                // Sizes and sides that flip the position through zero now and then, and prices that realize PnL.
                book.Add(random.Next(2) == 0 ? Side.Buy : Side.Sell, random.Next(1, 400), random.Next(9_000, 11_000), random.Next(0, 30));
            }
            else
            {
                // Most breaks are of recent fills; some reach back to the start of the day.
                int back = random.Next(4) == 0 ? random.Next(book.Chain.Count) : random.Next(Math.Min(10, book.Chain.Count));
                int target = book.Chain[book.Chain.Count - 1 - back];
                if (roll < 9)
                {
                    book.Bust(target);
                    busts++;
                }
                else
                {
                    book.Correct(target, random.Next(1, 400), random.Next(9_000, 11_000), random.Next(0, 30));
                    corrections++;
                }
            }

            book.AssertRowsMatchTheChain($"step {step}:");

            if (step % 250 == 0)
            {
                Assert.Null(book.Table.CheckChains(book.Fills));
            }
        }

        Assert.Null(book.Table.CheckChains(book.Fills));
        Assert.True(busts > 300 && corrections > 150, $"busts {busts}, corrections {corrections}");
        Assert.True(poolFills < 0 ? book.Table.CheckpointCount >= 2 * ((Steps / 2) / interval - 1)
            : book.Table.CheckpointCount > book.Table.CheckpointPoolUsed + 50,
            $"{book.Table.CheckpointCount} checkpoints, {book.Table.CheckpointPoolUsed} pool entries");
    }

    [Fact]
    public void Recompute_StartsAtTheLastCheckpointBeforeTheChangedFill_NotAtTheFirstFill()
    {
        var book = new Book(64, interval: 4);
        var added = new List<int>();
        for (int i = 0; i < 40; i++)
        {
            added.Add(book.Add(i % 3 == 0 ? Side.Sell : Side.Buy, 10 + i, 10_000 + (i * 7), 1));
        }

        // Behind the table's back, the third fill stops counting. A rebuild from the first fill would drop it;
        // a rebuild from the checkpoint before the last fill cannot see it.
        book.Fills.SetState(added[2], FillState.Busted);
        book.Bust(added[^1]);
        var withThird = book.Oracle(added.Take(39));
        var withoutThird = book.Oracle(added.Take(39).Where(f => f != added[2]));
        Assert.NotEqual(withThird, withoutThird);
        foreach (int row in book.Rows)
        {
            Assert.Equal(withThird, book.State(row));
            // Asked to rebuild from the start, it does.
            book.Table.Recompute(row, book.Fills);
            Assert.Equal(withoutThird, book.State(row));
        }
    }

    [Fact]
    public void Recompute_BustsNewestFirst_TakeTheBustedFillsOutOfTheChain()
    {
        var book = new Book(64, interval: 4);
        for (int i = 0; i < 40; i++)
        {
            book.Add(i % 3 == 0 ? Side.Sell : Side.Buy, 10 + i, 10_000 + (i * 7), 1);
        }

        for (int i = 0; i < 30; i++)
        {
            book.Bust(book.Chain[^1]);
        }

        foreach (int row in book.Rows)
        {
            // A rebuild keeps the fill it starts at even when inactive (it does not know the one before it):
            // at most one per bust whose checkpoint sat on the busted fill, one in four here.
            Assert.InRange(ChainOf(book, row).Count(f => book.Fills.StateOf(f) != FillState.Active), 0, 30 / 4);
            book.Table.Recompute(row, book.Fills);
            Assert.Equal(book.Chain, ChainOf(book, row));
            Assert.Equal(book.Chain[^1], book.Table.LastFill[row]);
            Assert.Equal(book.Oracle(book.Chain), book.State(row));
        }

        Assert.Null(book.Table.CheckChains(book.Fills));
        int added = book.Add(Side.Buy, 5, 10_000, 0);
        Assert.Equal(book.Chain, ChainOf(book, book.Rows[0]));
        Assert.Equal(added, book.Table.LastFill[book.Rows[1]]);
    }

    private static List<int> ChainOf(Book book, int row)
    {
        var chain = new List<int>();
        for (int f = book.Table.FirstFill[row]; f >= 0; f = book.Fills.NextOf(f, book.Table.Owner[row]))
        {
            chain.Add(f);
        }

        return chain;
    }

    [Fact]
    public void Recompute_CorrectionOfACorrection_KeepsTheFirstFillsPlace()
    {
        var book = new Book(64, interval: 1);
        int first = book.Add(Side.Buy, 100, 10_000, 0);
        book.Add(Side.Sell, 60, 10_500, 0);
        book.Add(Side.Buy, 30, 10_200, 0);
        int corrected = book.Correct(first, 80, 9_900, 0);
        book.Add(Side.Sell, 50, 10_100, 0);
        book.Correct(corrected, 120, 9_800, 0);
        book.Bust(book.Chain[2]);
        book.AssertRowsMatchTheChain();

        Assert.Null(book.Table.CheckChains(book.Fills));
    }

    [Fact]
    public void Recompute_CheckpointPoolExhausted_StillExact()
    {
        // A pool for 4 fills' worth of checkpoints (8), at one checkpoint per fill: most fills get none.
        var book = new Book(200, interval: 1, poolFills: 4);
        var random = new Random(9);
        for (int i = 0; i < 200; i++)
        {
            book.Add(random.Next(2) == 0 ? Side.Buy : Side.Sell, random.Next(1, 100), random.Next(9_000, 11_000), 1);
        }

        Assert.Equal(8, book.Table.CheckpointCount);
        for (int i = 0; i < 50; i++)
        {
            book.Bust(book.Chain[random.Next(book.Chain.Count)]);
            book.AssertRowsMatchTheChain($"bust {i}:");
        }

        Assert.Null(book.Table.CheckChains(book.Fills));
    }

    [Fact]
    public void Recompute_DroppedCheckpoints_AreReusedByLaterFills()
    {
        // A pool of 20 entries at one checkpoint every 4 active fills: 60 fills want 28 (14 per row) and exhaust it.
        var book = new Book(400, interval: 4, poolFills: 40);
        for (int i = 0; i < 60; i++)
        {
            book.Add(i % 3 == 0 ? Side.Sell : Side.Buy, 10 + i, 10_000 + (i * 7), 1);
        }

        Assert.Equal((20, 20), (book.Table.CheckpointCount, book.Table.CheckpointPoolUsed));

        // Busting the newest 30 drops the checkpoints on fills 32, 36 and 40 of both rows: six entries back.
        for (int i = 0; i < 30; i++)
        {
            book.Bust(book.Chain[^1]);
        }

        Assert.Null(book.Table.CheckChains(book.Fills));

        // 40 more fills cross 32, 36, …, 68 active fills again: the six entries are taken before anything else,
        // and then the pool is out again.
        for (int i = 0; i < 40; i++)
        {
            book.Add(i % 4 == 0 ? Side.Sell : Side.Buy, 5 + i, 10_100 - (i * 3), 2);
        }

        Assert.Equal((26, 20), (book.Table.CheckpointCount, book.Table.CheckpointPoolUsed));
        Assert.Null(book.Table.CheckChains(book.Fills));
        book.Bust(book.Chain[^5]);
        book.AssertRowsMatchTheChain();
        Assert.Null(book.Table.CheckChains(book.Fills));
    }

    [Fact]
    public void RebuildCheckpoints_AsAfterASnapshotLoad_TakesThemAgain_AndCatchesARowThatDisagrees()
    {
        var book = new Book(500, interval: 8);
        var random = new Random(11);
        for (int i = 0; i < 400; i++)
        {
            int f = book.Add(random.Next(2) == 0 ? Side.Buy : Side.Sell, random.Next(1, 100), random.Next(9_000, 11_000), 1);
            if (i % 50 == 49)
            {
                book.Correct(f, 5, 10_000, 0);
            }
        }

        // Before every active fill that has a multiple of 8 active fills before it: live, and replayed.
        Assert.Equal(2 * ((400 - 1) / 8), book.Table.CheckpointCount);
        Assert.Equal(-1, book.Table.RebuildCheckpoints(book.Fills));
        Assert.Equal(2 * ((400 - 1) / 8), book.Table.CheckpointCount);
        Assert.Null(book.Table.CheckChains(book.Fills));
        book.Bust(book.Chain[^3]);
        book.AssertRowsMatchTheChain();

        book.Table.NetQty[book.Rows[1]] += 1;
        Assert.NotNull(book.Table.CheckChains(book.Fills));
        Assert.Equal(book.Rows[1], book.Table.RebuildCheckpoints(book.Fills));
    }

    [Fact]
    public void Checkpoint_Is96Bytes_AsTheOptionsDocumentationSays()
    {
        Type checkpoint = typeof(PositionTable).GetNestedType("Checkpoint", BindingFlags.NonPublic)!;
        MethodInfo sizeOf = typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(checkpoint);
        Assert.Equal(96, (int)sizeOf.Invoke(null, null)!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(48)]
    public void Constructor_IntervalNotAPowerOfTwo_Throws(int interval) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PositionTable(4, 100, interval));
}
