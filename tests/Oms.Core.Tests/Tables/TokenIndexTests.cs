using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

public sealed class TokenIndexTests
{
    [Fact]
    public void AddGetRemove_AgreeWithDictionary_UnderRandomChurn()
    {
        // Values and tags both checked: removal shifts entries back, and each must move whole.
        var index = new TokenIndex(512);
        var model = new Dictionary<IdToken, (int Value, uint Tag)>();
        var rng = new Random(11);
        var keys = Enumerable.Range(0, 2_000).Select(i => IdToken.FromString($"K{i}")).ToArray();
        for (int step = 0; step < 200_000; step++)
        {
            IdToken key = keys[rng.Next(keys.Length)];
            if (rng.Next(2) == 0)
            {
                bool expected = !model.ContainsKey(key) && model.Count < 512;
                uint tag = (uint)rng.Next();
                Assert.Equal(expected, index.TryAdd(key, step, tag));
                if (expected)
                {
                    model[key] = (step, tag);
                }
            }
            else
            {
                Assert.Equal(model.Remove(key), index.Remove(key));
            }

            IdToken probe = keys[rng.Next(keys.Length)];
            Assert.Equal(model.TryGetValue(probe, out var v), index.TryGet(probe, out int w, out uint t));
            if (model.ContainsKey(probe))
            {
                Assert.Equal(v, (w, t));
            }
        }

        Assert.Equal(model.Count, index.Count);
        foreach (var (k, v) in model)
        {
            Assert.True(index.TryGet(k, out int w, out uint t) && (w, t) == v);
        }
    }

    [Fact]
    public void Scoped_SameKeyUnderTwoScopes_TwoEntries_AddFindReplaceRemoveAgreeWithDictionary()
    {
        // ExecIDs and OrderIDs: (key, venue) is the identity. Few keys and scopes, so one key often sits under several.
        var index = new TokenIndex(4_096);
        var model = new Dictionary<(IdToken, uint), int>();
        var rng = new Random(5);
        var keys = Enumerable.Range(0, 300).Select(i => IdToken.FromString($"X{i}")).ToArray();
        for (int step = 0; step < 20_000; step++)
        {
            IdToken key = keys[rng.Next(keys.Length)];
            uint scope = (uint)rng.Next(4);
            bool expected = !model.ContainsKey((key, scope)) && model.Count < 4_096;
            Assert.Equal(expected, index.TryAddScoped(key, scope, step));
            if (expected)
            {
                model[(key, scope)] = step;
            }

            if (rng.Next(4) == 0)
            {
                // OrderIDs of released rows leave the index: removing one scope's entry keeps the others.
                IdToken gone = keys[rng.Next(keys.Length)];
                uint goneScope = (uint)rng.Next(5);
                Assert.Equal(model.Remove((gone, goneScope)), index.RemoveScoped(gone, goneScope));
            }

            if (rng.Next(4) == 0)
            {
                // An OrderID given again names its new order.
                IdToken moved = keys[rng.Next(keys.Length)];
                uint movedScope = (uint)rng.Next(5);
                bool present = model.ContainsKey((moved, movedScope));
                Assert.Equal(present, index.TryReplaceScoped(moved, movedScope, -step));
                if (present)
                {
                    model[(moved, movedScope)] = -step;
                }
            }

            IdToken probe = keys[rng.Next(keys.Length)];
            uint probeScope = (uint)rng.Next(5); // scope 4 is never added
            Assert.Equal(model.TryGetValue((probe, probeScope), out int v), index.TryGetScoped(probe, probeScope, out int w));
            Assert.Equal(model.ContainsKey((probe, probeScope)) ? v : -1, w);
        }

        Assert.Equal(model.Count, index.Count);
        Assert.True(model.Keys.Select(k => k.Item1).Distinct().Count() < model.Count, "some key sits under two scopes");
        Assert.False(index.TryGetScoped(IdToken.None, 0, out _));
        Assert.False(index.TryAddScoped(IdToken.None, 0, 1));
    }

    [Fact]
    public void Entries_NeverStraddleCacheLines()
    {
        // A large index misses the cache on nearly every new key: an entry split over two lines would cost two misses.
        foreach (int entries in (int[])[1, 100, 4_096, 3_000_000])
        {
            Assert.True(new TokenIndex(entries, hugePages: entries > 1_000_000).EntriesWithinLines, $"{entries} entries");
        }
    }

    [Fact]
    public void Buckets_EnumerateEveryKeyOnce_AndClearEmpties()
    {
        var index = new TokenIndex(100);
        var keys = Enumerable.Range(0, 100).Select(i => IdToken.FromString($"E{i}")).ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            Assert.True(index.TryAdd(keys[i], i));
        }

        var seen = new Dictionary<IdToken, int>();
        for (int b = 0; b < index.BucketCount; b++)
        {
            if (index.TryGetBucket(b, out IdToken key, out int value, out _))
            {
                seen.Add(key, value);
            }
        }

        Assert.Equal(keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i), seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.TryGetBucket(index.BucketCount, out _, out _, out _));

        index.Clear();
        Assert.Equal(0, index.Count);
        Assert.All(keys, k => Assert.False(index.TryGet(k, out _)));
        Assert.True(index.TryAdd(keys[0], 7) && index.TryGet(keys[0], out int v) && v == 7);
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
