using BenchmarkDotNet.Attributes;
using Oms.Domain;
using Oms.Tables;

namespace Oms.Benchmarks.Tables;

// Regime: one operation = one TokenIndex lookup, on the benchmark thread, 4,096 independent lookups per
// invocation (OperationsPerInvoke). Two indexes sized as the engine sizes them for its default 65,536 orders:
// the ClOrdID index (room for 262,144 ids, 65,536 present: one per order, structured tokens as the in-process
// client mints them; 8 MB of keys; TryGet) and the ExecID index (room for 524,288 ids, 262,144 present: hashed
// strings as a gateway tokenises venue ExecIDs, spread over two venues and looked up within the venue as the
// engine does, TryGetScoped, decision 0012; 16 MB of keys). Hit = a present key; miss = an absent key of the same
// shape (the probe runs to the first empty slot). ProbeKeys sets the cache regime: 4,096 means the same keys
// every invocation, so their slots stay in L1/L2 and the figure is the probe's instruction cost; 1,048,576
// means each invocation takes the next 4,096 of a million pre-drawn keys, so most lookups miss L2 and hit
// L3 (32 MB here, shared). The lookups are independent, so the CPU overlaps their misses; an engine that
// does dependent work after each lookup overlaps less. ExecIdCheckHit/Miss ask the same ExecIDs through
// FillStore.Contains, the engine's duplicate check: the filter in front of the index (512 KB of words,
// decision 0015) first, the index only on a "maybe"; a miss (a new ExecID, the common case) mostly stops at
// the filter.
[MemoryDiagnoser]
public class TokenIndexBenchmarks
{
    private const int Lookups = 4_096;
    private const int Orders = 65_536;

    private TokenIndex _clOrdIds = null!;
    private TokenIndex _execIds = null!;
    private FillStore _fills = null!;
    private IdToken[] _clOrdIdHits = null!, _clOrdIdMisses = null!;
    private (IdToken, uint)[] _execIdHits = null!, _execIdMisses = null!;
    private int _cursor;

    /// <summary>Distinct pre-drawn keys the invocations cycle through.</summary>
    [Params(4_096, 1_048_576)]
    public int ProbeKeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _clOrdIds = new TokenIndex(Orders * 4);
        for (int i = 0; i < Orders; i++)
        {
            _clOrdIds.TryAdd(IdToken.ForStrategy(1 + (i % 4), i + 1), i);
        }

        _execIds = new TokenIndex(Orders * 8);
        _fills = new FillStore(Orders * 8, 1);
        for (int i = 0; i < Orders * 4; i++)
        {
            _execIds.TryAddScoped(IdToken.FromString($"X{i}"), Venue(i), i);
            _fills.RememberExecId(IdToken.FromString($"X{i}"), (int)Venue(i));
            _fills.CommitPending();
        }

        _clOrdIdHits = Sample(rng, i => IdToken.ForStrategy(1 + (i % 4), i + 1), Orders);
        _clOrdIdMisses = Sample(rng, i => IdToken.ForStrategy(1 + (i % 4), Orders + i + 1), Orders);
        _execIdHits = Sample(rng, i => (IdToken.FromString($"X{i}"), Venue(i)), Orders * 4);
        _execIdMisses = Sample(rng, i => (IdToken.FromString($"Y{i}"), Venue(i)), Orders * 4);
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ClOrdIdHit() => Probe(_clOrdIds, _clOrdIdHits);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ClOrdIdMiss() => Probe(_clOrdIds, _clOrdIdMisses);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ExecIdHit() => ProbeScoped(_execIds, _execIdHits);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ExecIdMiss() => ProbeScoped(_execIds, _execIdMisses);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ExecIdCheckHit() => Check(_execIdHits);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int ExecIdCheckMiss() => Check(_execIdMisses);

    // The venue an ExecID "X{i}" came from.
    private static uint Venue(int i) => 1 + (uint)(i % 2);

    private int Probe(TokenIndex index, IdToken[] keys)
    {
        int start = _cursor;
        _cursor = (start + Lookups) % keys.Length;
        int sum = 0;
        foreach (IdToken key in keys.AsSpan(start, Lookups))
        {
            index.TryGet(key, out int value);
            sum += value;
        }

        return sum;
    }

    private int ProbeScoped(TokenIndex index, (IdToken Key, uint Scope)[] keys)
    {
        int start = _cursor;
        _cursor = (start + Lookups) % keys.Length;
        int sum = 0;
        foreach ((IdToken key, uint scope) in keys.AsSpan(start, Lookups))
        {
            index.TryGetScoped(key, scope, out int value);
            sum += value;
        }

        return sum;
    }

    private int Check((IdToken Key, uint Scope)[] keys)
    {
        int start = _cursor;
        _cursor = (start + Lookups) % keys.Length;
        int sum = 0;
        foreach ((IdToken key, uint scope) in keys.AsSpan(start, Lookups))
        {
            sum += _fills.Contains(key, (int)scope) ? 1 : 0;
        }

        return sum;
    }

    private T[] Sample<T>(Random rng, Func<int, T> key, int range)
    {
        var keys = new T[ProbeKeys];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = key(rng.Next(range));
        }

        return keys;
    }
}
