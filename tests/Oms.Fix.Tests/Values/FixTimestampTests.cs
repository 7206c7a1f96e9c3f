using System.Text;

namespace Oms.Fix.Tests.Values;

public sealed class FixTimestampTests
{
    [Theory]
    [InlineData("19700101-00:00:00", 0L)]
    [InlineData("20261125-13:30:00.123", 1_795_613_400_123_000_000L)]
    [InlineData("20261125-13:30:00.123456", 1_795_613_400_123_456_000L)]
    [InlineData("20261125-13:30:00.123456789", 1_795_613_400_123_456_789L)]
    [InlineData("19691231-23:59:59.999", -1_000_000L)]
    [InlineData("20240229-12:00:00", 1_709_208_000_000_000_000L)]
    [InlineData("22620411-23:47:16.854775807", long.MaxValue)]           // the ends of a long of nanoseconds
    [InlineData("16770921-00:12:43.145224192", long.MinValue)]
    [InlineData("22620101-00:00:00", 9_214_646_400_000_000_000L)]
    [InlineData("16770921-00:12:44", -9_223_372_036_000_000_000L)]
    public void TryParse_UtcTimestamp_GivesNanosSinceEpoch(string text, long expected)
    {
        Assert.True(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out long nanos));
        Assert.Equal(expected, nanos);
    }

    [Theory]
    [InlineData("20261125-13:30:60", "20261125-13:31:00")]   // a leap second counts as the next minute's first
    public void TryParse_LeapSecond_CountsAsNextSecond(string leap, string next)
    {
        Assert.True(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(leap), out long a));
        Assert.True(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(next), out long b));
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20261125")]
    [InlineData("20261125-13:30")]
    [InlineData("20261125 13:30:00")]
    [InlineData("20261125-13:30:00.1")]      // FIX precisions are 3, 6 and 9 digits
    [InlineData("20261125-13:30:00.12")]
    [InlineData("20261125-13:30:00.1234")]
    [InlineData("20261125-13:30:00,123")]
    [InlineData("20261325-13:30:00")]
    [InlineData("20261100-13:30:00")]
    [InlineData("20250229-13:30:00")]
    [InlineData("21000229-13:30:00")]
    [InlineData("20261131-13:30:00")]
    [InlineData("20261125-24:00:00")]
    [InlineData("20261125-13:60:00")]
    [InlineData("20261125-13:30:61")]
    [InlineData("2026112a-13:30:00")]
    [InlineData("20261125-13:30:00.12a")]
    [InlineData("16770101-00:00:00")]
    [InlineData("22630101-00:00:00")]
    [InlineData("22620411-23:47:16.854775808")]   // one nanosecond past what a long holds
    [InlineData("22620411-23:47:17")]
    [InlineData("22620412-00:00:00")]
    [InlineData("16770921-00:12:43.145224191")]
    [InlineData("16770921-00:12:43")]
    [InlineData("16770920-23:59:59.999")]
    [InlineData("-0261125-13:30:00")]
    public void TryParse_NotATimestampOrNoSuchDate_False(string text) =>
        Assert.False(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData(1_795_613_400_123_456_789L, 0, "20261125-13:30:00")]
    [InlineData(1_795_613_400_123_456_789L, 3, "20261125-13:30:00.123")]
    [InlineData(1_795_613_400_123_456_789L, 6, "20261125-13:30:00.123456")]
    [InlineData(1_795_613_400_123_456_789L, 9, "20261125-13:30:00.123456789")]
    [InlineData(-1L, 3, "19691231-23:59:59.999")]                 // truncated towards the past
    [InlineData(0L, 3, "19700101-00:00:00.000")]
    public void TryFormat_Nanos_GivesUtcTimestamp(long nanos, int digits, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixTimestamp.MaxFormattedLength];
        Assert.True(FixTimestamp.TryFormat(nanos, digits, buffer, out int n));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void TryFormatThenTryParse_RandomNanos_RoundTripAndAgreeWithDateTime()
    {
        var random = new Random(5);
        Span<byte> buffer = stackalloc byte[FixTimestamp.MaxFormattedLength];
        long min = new DateTime(1678, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        long max = new DateTime(2261, 12, 31, 23, 59, 59, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        for (int i = 0; i < 100_000; i++)
        {
            long nanos = random.NextInt64(min, max) * 100 + random.Next(100);
            Assert.True(FixTimestamp.TryFormat(nanos, 9, buffer, out int n));
            var expected = new DateTime(DateTime.UnixEpoch.Ticks + Math.Floor(nanos / 100m) is var t ? (long)t : 0, DateTimeKind.Utc);
            Assert.Equal(expected.ToString("yyyyMMdd-HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
                Encoding.ASCII.GetString(buffer[..(n - 2)]));
            Assert.True(FixTimestamp.TryParse(buffer[..n], out long back));
            Assert.Equal(nanos, back);
        }
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MaxValue - 1)]
    [InlineData(9_214_646_400_000_000_000L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MinValue + 1)]
    public void TryFormatThenTryParse_EndsOfTheRange_RoundTrip(long nanos)
    {
        Span<byte> buffer = stackalloc byte[FixTimestamp.MaxFormattedLength];
        Assert.True(FixTimestamp.TryFormat(nanos, 9, buffer, out int n));
        Assert.True(FixTimestamp.TryParse(buffer[..n], out long back), Encoding.ASCII.GetString(buffer[..n]));
        Assert.Equal(nanos, back);
    }

    [Theory]
    [InlineData(long.MaxValue, 0, "22620411-23:47:16")]
    [InlineData(long.MaxValue, 3, "22620411-23:47:16.854")]
    [InlineData(long.MinValue, 6, "16770921-00:12:43.145225")]   // truncating would leave the range: the next instant
    [InlineData(long.MinValue, 3, "16770921-00:12:43.146")]
    [InlineData(long.MinValue, 0, "16770921-00:12:44")]
    [InlineData(long.MinValue + 1_000_000_000L, 0, "16770921-00:12:44")]
    public void TryFormat_EndsOfTheRangeAtCoarserPrecision_WritesAnInstantTheParserReads(long nanos, int digits, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixTimestamp.MaxFormattedLength];
        Assert.True(FixTimestamp.TryFormat(nanos, digits, buffer, out int n));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..n]));
        Assert.True(FixTimestamp.TryParse(buffer[..n], out _));
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_False()
    {
        Span<byte> buffer = stackalloc byte[20];
        Assert.False(FixTimestamp.TryFormat(0, 3, buffer, out int n));
        Assert.Equal(0, n);
        Assert.True(FixTimestamp.TryFormat(0, 0, buffer, out n));
        Assert.Equal(17, n);
    }
}
