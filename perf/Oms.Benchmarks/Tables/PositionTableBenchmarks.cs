using BenchmarkDotNet.Attributes;
using Oms.Tables;

namespace Oms.Benchmarks.Tables;

// Regime: one operation = one PositionTable.ApplyTrade on a single hot row (L1-resident), on the benchmark
// thread, 1,024 trades per invocation (OperationsPerInvoke). Three shapes: Open adds to the position on the
// same side (one 128-bit multiply-add); Reduce sells out of a long that never reaches zero (the closing share
// of the cost is an Int128 multiply and divide); Flip alternates +200/-200 around a ±100 position so every trade
// closes the whole position and opens the opposite one. Not included: the fill chain (LinkFill), the lookup
// of the row.
[MemoryDiagnoser]
public class PositionTableBenchmarks
{
    private const int Trades = 1_024;

    private PositionTable _table = null!;
    private int _open, _reduce, _flip;

    [GlobalSetup]
    public void Setup()
    {
        _table = new PositionTable(16);
        _open = _table.GetOrAdd(PositionOwner.Account, 1, 1);
        _reduce = _table.GetOrAdd(PositionOwner.Account, 1, 2);
        _flip = _table.GetOrAdd(PositionOwner.Account, 1, 3);
        _table.ApplyTrade(_reduce, 1_000_000_000_000, 10_000, 0);
        _table.ApplyTrade(_flip, 100, 10_000, 0);
    }

    [Benchmark(OperationsPerInvoke = Trades)]
    public long Open()
    {
        PositionTable table = _table;
        for (int i = 0; i < Trades; i++)
        {
            table.ApplyTrade(_open, 100, 10_000 + (i & 15), 1);
        }

        return table.NetQtyOf(_open);
    }

    [Benchmark(OperationsPerInvoke = Trades)]
    public long Reduce()
    {
        PositionTable table = _table;
        for (int i = 0; i < Trades; i++)
        {
            table.ApplyTrade(_reduce, -100, 10_000 + (i & 15), 1);
        }

        return table.NetQtyOf(_reduce);
    }

    [Benchmark(OperationsPerInvoke = Trades)]
    public long Flip()
    {
        PositionTable table = _table;
        for (int i = 0; i < Trades; i += 2)
        {
            table.ApplyTrade(_flip, -200, 10_000 + (i & 15), 1);
            table.ApplyTrade(_flip, 200, 10_000 + (i & 15), 1);
        }

        return table.NetQtyOf(_flip);
    }
}
