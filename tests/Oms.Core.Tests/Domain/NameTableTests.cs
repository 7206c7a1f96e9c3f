using Oms.Domain;

namespace Oms.Tests.Domain;

public sealed class NameTableTests
{
    [Fact]
    public void TryIntern_SameName_SameDenseId()
    {
        var table = new NameTable(4);
        Assert.True(table.TryIntern("ACC1", out int a));
        Assert.True(table.TryIntern("ACC2", out int b));
        Assert.True(table.TryIntern("ACC1", out int again));
        Assert.Equal((1, 2, 1), (a, b, again));
        Assert.Equal("ACC2", table.NameOf(2));
        Assert.Null(table.NameOf(3));
    }

    [Fact]
    public void TryIntern_Full_RefusesNewNamesButKnowsOldOnes()
    {
        var table = new NameTable(2);
        Assert.True(table.TryIntern("a", out _));
        Assert.True(table.TryIntern("b", out _));
        Assert.False(table.TryIntern("c", out int none));
        Assert.Equal(0, none);
        Assert.True(table.TryIntern("a", out int a));
        Assert.Equal(1, a);
        Assert.False(table.TryIntern("", out _));
    }

    [Fact]
    public void TryIntern_ManyThreads_EachNameGetsExactlyOneId()
    {
        var table = new NameTable(1_000);
        var results = new int[4, 1_000];
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                int n = (i * 7 + t * 13) % 1_000;
                Assert.True(table.TryIntern($"name{n}", out results[t, n]));
            }
        });
        var ids = new HashSet<int>();
        for (int n = 0; n < 1_000; n++)
        {
            Assert.Equal(results[0, n], results[1, n]);
            Assert.Equal(results[0, n], results[3, n]);
            Assert.True(ids.Add(results[0, n]));
        }

        Assert.Equal(1_000, table.Count);
    }

    [Fact]
    public void InstrumentDirectory_SameSymbolOtherScales_Throws()
    {
        var dir = new InstrumentDirectory(8);
        InstrumentSpec spec = dir.Add("AAPL", 2, 0);
        Assert.Equal(spec, dir.Add("AAPL", 2, 0));
        Assert.Equal(2, spec.NotionalScale);
        Assert.True(dir.TryGet("AAPL", out InstrumentSpec found));
        Assert.Equal(spec.Id, found.Id);
        Assert.Throws<InvalidOperationException>(() => dir.Add("AAPL", 4, 0));
        Assert.False(dir.TryGet("MSFT", out _));
    }
}
