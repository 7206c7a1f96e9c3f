using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

public sealed class FillStoreTests
{
    private static IdToken Exec(int i) => IdToken.FromString($"EXEC-{i}");

    [Fact]
    public void TokenFilter_EveryAddedTokenMayBeThere_AndFewOthersDo()
    {
        // At its capacity (one byte of filter per token): never a false "never", and a few percent of "maybe".
        const int capacity = 1 << 16;
        var filter = new TokenFilter(capacity);
        for (int i = 0; i < capacity; i++)
        {
            filter.Add(Exec(i));
        }

        for (int i = 0; i < capacity; i++)
        {
            Assert.True(filter.MayContain(Exec(i)), $"token {i} was added");
        }

        int maybe = 0;
        for (int i = capacity; i < 2 * capacity; i++)
        {
            maybe += filter.MayContain(Exec(i)) ? 1 : 0;
        }

        double rate = (double)maybe / capacity;
        TestContext.Current.SendDiagnosticMessage($"TokenFilter at capacity: {rate:P2} of new tokens read maybe");
        Assert.InRange(rate, 0.001, 0.08);

        filter.Clear();
        Assert.False(filter.MayContain(Exec(0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    public void TokenFilter_TinyCapacity_StillNeverMissesAnAddedToken(int capacity)
    {
        var filter = new TokenFilter(capacity);
        for (int i = 0; i < 100; i++)
        {
            filter.Add(Exec(i));
            Assert.True(filter.MayContain(Exec(i)));
        }
    }

    [Fact]
    public void Record_StagedExecId_SeenAtOnce_IndexedOnCommit()
    {
        var fills = new FillStore(maxExecIds: 16, maxFills: 16);
        int fill = fills.Record(Exec(1), 1, orderSlot: 3, Side.Buy, 100, 5_000, 0);

        Assert.Equal(0, fill);
        Assert.True(fills.HasPending);
        Assert.Equal(0, fills.ExecIdCount);
        Assert.True(fills.Contains(Exec(1), 1));
        Assert.False(fills.Contains(Exec(1), 2));
        Assert.Equal(fill, fills.Find(Exec(1), 1));
        Assert.Equal(-1, fills.Record(Exec(1), 1, 3, Side.Buy, 100, 5_000, 0));

        fills.CommitPending();
        Assert.False(fills.HasPending);
        Assert.Equal(1, fills.ExecIdCount);
        Assert.True(fills.Contains(Exec(1), 1));
        Assert.Equal(fill, fills.Find(Exec(1), 1));
        Assert.Equal(-1, fills.Find(Exec(1), 2));
    }

    [Fact]
    public void StagingASecondExecId_WritesTheFirst()
    {
        var fills = new FillStore(maxExecIds: 16, maxFills: 16);
        Assert.True(fills.RememberExecId(Exec(1), 1));
        Assert.True(fills.RememberExecId(Exec(2), 1));

        Assert.Equal(1, fills.ExecIdCount);
        fills.CommitPending();
        Assert.Equal(2, fills.ExecIdCount);
        Assert.True(fills.Contains(Exec(1), 1) && fills.Contains(Exec(2), 1));
        Assert.False(fills.RememberExecId(Exec(2), 1));
        Assert.True(fills.RememberExecId(Exec(2), 2));
    }

    [Fact]
    public void IndexFull_StagingRefused_CountingTheStagedOne()
    {
        var fills = new FillStore(maxExecIds: 2, maxFills: 4);
        Assert.True(fills.RememberExecId(Exec(1), 1));
        Assert.True(fills.RememberExecId(Exec(2), 1));
        Assert.False(fills.RememberExecId(Exec(3), 1));
        Assert.Equal(-1, fills.Record(Exec(4), 1, 0, Side.Sell, 1, 1, 0));
        fills.CommitPending();
        Assert.Equal(2, fills.ExecIdCount);
        Assert.False(fills.Contains(Exec(3), 1));
    }

    [Fact]
    public void ManyExecIds_EachFoundUnderItsVenueOnly()
    {
        // Through the filter and the index: every remembered id is found, under its own venue alone.
        var fills = new FillStore(maxExecIds: 4_096, maxFills: 4_096);
        for (int i = 0; i < 4_000; i++)
        {
            Assert.True(i % 2 == 0 ? fills.RememberExecId(Exec(i), 1 + (i % 3)) : fills.Record(Exec(i), 1 + (i % 3), i, Side.Buy, 1, 1, 0) >= 0);
            fills.CommitPending();
        }

        for (int i = 0; i < 4_000; i++)
        {
            int venue = 1 + (i % 3);
            Assert.True(fills.Contains(Exec(i), venue));
            Assert.False(fills.Contains(Exec(i), venue == 3 ? 1 : venue + 1));
        }

        for (int i = 4_000; i < 8_000; i++)
        {
            Assert.False(fills.Contains(Exec(i), 1));
        }
    }
}
