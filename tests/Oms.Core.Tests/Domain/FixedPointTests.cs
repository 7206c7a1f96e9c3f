using Oms.Domain;

namespace Oms.Tests.Domain;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData(1_000, 3, 333)]       // 333.33… → 333
    [InlineData(2_000, 3, 667)]       // 666.66… → 667
    [InlineData(15, 10, 2)]           // 1.5 → 2 (half away from zero)
    [InlineData(-15, 10, -2)]         // -1.5 → -2
    [InlineData(25, -10, -3)]         // 2.5 / -1 → -3 (negative quantity: a short position's cost)
    [InlineData(0, 0, 0)]             // no quantity → 0
    public void AveragePrice_RoundsHalfAwayFromZero(long notional, long qty, long expected) =>
        Assert.Equal(expected, FixedPoint.AveragePrice(notional, qty));

    [Fact]
    public void Notional_OfTwoMaxLongs_DoesNotOverflow()
    {
        Int128 n = FixedPoint.Notional(long.MaxValue, long.MaxValue);
        Assert.Equal((Int128)long.MaxValue * long.MaxValue, n);
        Assert.True(n > long.MaxValue);
    }

    [Theory]
    [InlineData("101.25", 2, 10_125)]
    [InlineData("101.2", 4, 1_012_000)]
    [InlineData("-3", 0, -3)]
    [InlineData("0.001", 3, 1)]
    public void TryParse_ExactDecimal_GivesRawValue(string text, int scale, long raw)
    {
        Assert.True(FixedPoint.TryParse(text, scale, out long value));
        Assert.Equal(raw, value);
    }

    [Theory]
    [InlineData("101.255", 2)]        // more digits than the scale holds: refused, not rounded
    [InlineData("abc", 2)]
    [InlineData("", 2)]
    [InlineData("99999999999999999999", 0)]
    public void TryParse_LossyOrInvalid_Refused(string text, int scale) =>
        Assert.False(FixedPoint.TryParse(text, scale, out _));

    [Theory]
    [InlineData(10_125, 2, "101.25")]
    [InlineData(10_100, 2, "101")]
    [InlineData(-5, 3, "-0.005")]
    [InlineData(0, 2, "0")]
    [InlineData(42, 0, "42")]
    public void Format_RawValue_GivesExactDecimal(long raw, int scale, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(raw, scale));
}
