using System.Numerics;
using CsCheck;
using Oms.Domain;

namespace Oms.Tests.Domain;

/// <summary>The hand-inlined 128-bit helpers agree with Int128's own operators and with BigInteger.</summary>
public sealed class Int128OpsTests
{
    private static readonly Gen<Int128> s_int128 = Gen.Select(Gen.ULong, Gen.ULong, (hi, lo) => new Int128(hi, lo));

    private static readonly Gen<long> s_edgy = Gen.OneOf(Gen.Long, Gen.Const(0L), Gen.Const(1L), Gen.Const(-1L), Gen.Const(long.MaxValue), Gen.Const(long.MinValue), Gen.Const(long.MinValue + 1));

    [Fact]
    public void AddAndSub_AgreeWithTheOperators() =>
        Gen.Select(s_int128, s_int128).Sample((a, b) =>
            Int128Ops.Add(a, b) == a + b && Int128Ops.Sub(a, b) == a - b, iter: 20_000);

    [Fact]
    public void Mul_IsTheExactProduct() =>
        Gen.Select(s_edgy, s_edgy).Sample((a, b) =>
            (BigInteger)Int128Ops.Mul(a, b) == (BigInteger)a * b, iter: 20_000);

    [Fact]
    public void TryNarrow_IsTrueExactlyWhenTheValueFitsInALong() =>
        s_int128.Sample(v =>
        {
            bool fits = v >= long.MinValue && v <= long.MaxValue;
            return Int128Ops.TryNarrow(v, out long n) == fits && (!fits || n == (long)v);
        }, iter: 20_000);

    [Fact]
    public void AveragePrice_FastAndWidePaths_RoundTheSameWay()
    {
        // Notionals that fit in a long take the 64-bit path, wider ones the Int128 path: both must round half
        // away from zero exactly as BigInteger arithmetic does.
        Gen.Select(s_edgy, Gen.Long.Where(q => q != 0)).Sample((n, q) => Agrees(n, q), iter: 20_000);
        Gen.Select(s_int128, s_edgy.Where(q => q != 0)).Sample(Agrees, iter: 20_000);
    }

    // Averages that do not fit a long (long.MinValue / -1, or huge notionals) are outside the contract.
    private static bool Agrees(Int128 n, long q)
    {
        BigInteger expected = ReferenceBig(n, q);
        return expected < long.MinValue || expected > long.MaxValue || FixedPoint.AveragePrice(n, q) == (long)expected;
    }

    private static BigInteger ReferenceBig(Int128 n, long q)
    {
        BigInteger num = BigInteger.Abs(n), den = BigInteger.Abs(q);
        BigInteger whole = BigInteger.DivRem(num, den, out BigInteger rem);
        if (rem * 2 >= den)
        {
            whole++;
        }

        return (n < 0) != (q < 0) ? -whole : whole;
    }
}
