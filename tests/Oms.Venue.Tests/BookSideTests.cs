using Oms.Venue.Book;

namespace Oms.Venue.Tests;

public sealed class BookSideTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ManyLevelsInRandomOrder_SortedWorstToBest_GrowsPastItsCapacity(bool bids)
    {
        var pool = new OrderPool(1_000);
        var side = new BookSide(bids, capacity: 4);
        var rng = new Random(3);
        var orders = new List<int>();
        foreach (long price in Enumerable.Range(1, 300).Select(p => (long)p).OrderBy(_ => rng.Next()))
        {
            int o = pool.Allocate();
            pool[o].Price = price;
            pool[o].Leaves = price;
            pool[o].State = SimOrderState.Resting;
            side.Append(pool, o);
            orders.Add(o);
        }

        Assert.Equal(300, side.Count);
        Assert.Equal(bids ? 300L : 1L, side.Best.Price);
        for (int i = 1; i < side.Count; i++)
        {
            Assert.True(side.IsBetter(side[i].Price, side[i - 1].Price));
            Assert.Equal(side[i].Price, side[i].Qty);
        }

        foreach (int o in orders.OrderBy(_ => rng.Next()).Take(299))
        {
            side.Unlink(pool, o);
        }

        Assert.Equal(1, side.Count);
        Assert.Equal(side.Best.Head, side.Best.Tail);
    }

    [Fact]
    public void SamePrice_QueuesOldestFirst_UnlinkFromTheMiddleKeepsTheLinks()
    {
        var pool = new OrderPool(8);
        var side = new BookSide(bids: true, capacity: 4);
        int[] orders = new int[3];
        for (int i = 0; i < 3; i++)
        {
            orders[i] = pool.Allocate();
            pool[orders[i]].Price = 100;
            pool[orders[i]].Leaves = 10;
            side.Append(pool, orders[i]);
        }

        side.Unlink(pool, orders[1]);

        ref PriceLevel level = ref side.Best;
        Assert.Equal((orders[0], orders[2], 2, 20L), (level.Head, level.Tail, level.Count, level.Qty));
        Assert.Equal(orders[2], pool[orders[0]].Next);
        Assert.Equal(orders[0], pool[orders[2]].Prev);
    }
}
