using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

public sealed class TokenIndexTests
{
    [Fact]
    public void AddGetRemove_AgreeWithDictionary_UnderRandomChurn()
    {
        var index = new TokenIndex(512);
        var model = new Dictionary<IdToken, int>();
        var rng = new Random(11);
        var keys = Enumerable.Range(0, 2_000).Select(i => IdToken.FromString($"K{i}")).ToArray();
        for (int step = 0; step < 200_000; step++)
        {
            IdToken key = keys[rng.Next(keys.Length)];
            if (rng.Next(2) == 0)
            {
                bool expected = !model.ContainsKey(key) && model.Count < 512;
                Assert.Equal(expected, index.TryAdd(key, step));
                if (expected)
                {
                    model[key] = step;
                }
            }
            else
            {
                Assert.Equal(model.Remove(key), index.Remove(key));
            }

            IdToken probe = keys[rng.Next(keys.Length)];
            Assert.Equal(model.TryGetValue(probe, out int v), index.TryGet(probe, out int w));
            if (model.ContainsKey(probe))
            {
                Assert.Equal(v, w);
            }
        }

        Assert.Equal(model.Count, index.Count);
        foreach (var (k, v) in model)
        {
            Assert.True(index.TryGet(k, out int w) && w == v);
        }
    }

    [Fact]
    public void TryAdd_NoneOrFull_Refused()
    {
        var index = new TokenIndex(1);
        Assert.False(index.TryAdd(IdToken.None, 1));
        Assert.True(index.TryAdd(IdToken.FromString("a"), 1));
        Assert.False(index.TryAdd(IdToken.FromString("b"), 2));
        Assert.False(index.TryGet(IdToken.None, out _));
    }
}
