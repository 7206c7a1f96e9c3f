using System.Text;

namespace Oms.Fix.Tests.Values;

public sealed class FixDecimalTests
{
    [Theory]
    [InlineData("101.25", 2, 10_125)]
    [InlineData("101.2", 4, 1_012_000)]
    [InlineData("101", 2, 10_100)]
    [InlineData("-3", 0, -3)]
    [InlineData("-0.5", 1, -5)]
    [InlineData("0.001", 3, 1)]
    [InlineData("1.2500", 2, 125)]                 // trailing zeros beyond the scale are exact, so accepted
    [InlineData("007", 0, 7)]
    [InlineData("5.", 1, 50)]
    [InlineData(".5", 1, 5)]
    [InlineData("-0", 3, 0)]
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    [InlineData("-9223372036854775807", 0, -long.MaxValue)]
    [InlineData("-9223372036854775808", 0, long.MinValue)]
    [InlineData("-922337203685477.5808", 4, long.MinValue)]
    [InlineData("-9.223372036854775808", 18, long.MinValue)]
    [InlineData("922337203685477.5807", 4, long.MaxValue)]
    public void TryParse_ValidText_GivesExactRaw(string text, int scale, long raw)
    {
        Assert.Equal(FixErrorCode.None, FixDecimal.TryParse(Encoding.ASCII.GetBytes(text), scale, out long value));
        Assert.Equal(raw, value);
    }

    [Theory]
    [InlineData("101.255", 2, FixErrorCode.TooManyDecimals)]   // refused, never rounded
    [InlineData("0.00001", 4, FixErrorCode.TooManyDecimals)]
    [InlineData("1.5", 0, FixErrorCode.TooManyDecimals)]
    [InlineData("", 2, FixErrorCode.BadValue)]
    [InlineData("-", 2, FixErrorCode.BadValue)]
    [InlineData(".", 2, FixErrorCode.BadValue)]
    [InlineData("+1", 2, FixErrorCode.BadValue)]
    [InlineData(" 1", 2, FixErrorCode.BadValue)]
    [InlineData("1 ", 2, FixErrorCode.BadValue)]
    [InlineData("1.2.3", 2, FixErrorCode.BadValue)]
    [InlineData("1e5", 2, FixErrorCode.BadValue)]
    [InlineData("--1", 2, FixErrorCode.BadValue)]
    [InlineData("1,5", 2, FixErrorCode.BadValue)]
    [InlineData("abc", 2, FixErrorCode.BadValue)]
    [InlineData("9223372036854775808", 0, FixErrorCode.ValueOutOfRange)]
    [InlineData("922337203685477.5808", 4, FixErrorCode.ValueOutOfRange)]
    [InlineData("-9223372036854775809", 0, FixErrorCode.ValueOutOfRange)]
    [InlineData("-922337203685477.5809", 4, FixErrorCode.ValueOutOfRange)]
    [InlineData("-92233720368547758080", 0, FixErrorCode.ValueOutOfRange)]
    [InlineData("99999999999999999999", 0, FixErrorCode.ValueOutOfRange)]
    [InlineData("1000000000", 10, FixErrorCode.ValueOutOfRange)]
    public void TryParse_InvalidText_NamesTheReason(string text, int scale, FixErrorCode expected)
    {
        Assert.Equal(expected, FixDecimal.TryParse(Encoding.ASCII.GetBytes(text), scale, out long raw));
        Assert.Equal(0, raw);
    }

    [Theory]
    [InlineData(10_125, 2, "101.25")]
    [InlineData(10_100, 2, "101")]
    [InlineData(-5, 3, "-0.005")]
    [InlineData(0, 2, "0")]
    [InlineData(42, 0, "42")]
    [InlineData(long.MaxValue, 4, "922337203685477.5807")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MinValue, 18, "-9.223372036854775808")]
    public void TryFormat_Raw_GivesExactTrimmedText(long raw, int scale, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixDecimal.MaxFormattedLength];
        Assert.True(FixDecimal.TryFormat(raw, scale, buffer, out int n));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_False()
    {
        Span<byte> buffer = stackalloc byte[6];
        Assert.False(FixDecimal.TryFormat(123_456, 2, buffer, out int n)); // "1234.56" needs 7
        Assert.Equal(0, n);
        Assert.True(FixDecimal.TryFormat(12_345, 2, buffer, out n));
        Assert.Equal("123.45"u8, buffer[..n]);
    }

    [Fact]
    public void TryFormatThenTryParse_RandomValues_RoundTrip()
    {
        var random = new Random(3);
        Span<byte> buffer = stackalloc byte[FixDecimal.MaxFormattedLength];
        for (int i = 0; i < 100_000; i++)
        {
            int scale = random.Next(19);
            long raw = random.Next(4) switch
            {
                0 => random.NextInt64(long.MinValue + 1, long.MaxValue),
                1 => random.NextInt64(-1_000_000, 1_000_000),
                2 => random.NextInt64(0, 100) * (long)Math.Pow(10, random.Next(17)),
                _ => -random.NextInt64(0, 10_000),
            };
            Assert.True(FixDecimal.TryFormat(raw, scale, buffer, out int n));
            Assert.Equal(FixErrorCode.None, FixDecimal.TryParse(buffer[..n], scale, out long back));
            Assert.Equal(raw, back);
            Assert.Equal(Oms.Domain.FixedPoint.Format(raw, scale), Encoding.ASCII.GetString(buffer[..n]));
        }
    }

    [Fact]
    public void TryFormatThenTryParse_EveryScaleAtTheEndsOfTheRange_RoundTrip()
    {
        Span<byte> buffer = stackalloc byte[FixDecimal.MaxFormattedLength];
        foreach (long raw in new[] { long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue })
        {
            for (int scale = 0; scale <= 18; scale++)
            {
                Assert.True(FixDecimal.TryFormat(raw, scale, buffer, out int n));
                Assert.Equal(FixErrorCode.None, FixDecimal.TryParse(buffer[..n], scale, out long back));
                Assert.Equal(raw, back);
            }
        }
    }

    [Fact]
    public void TryParse_ScaleOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixDecimal.TryParse("1"u8, 19, out _));
}
