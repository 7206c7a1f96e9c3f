namespace Oms.Latency.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData("100000", 100_000)]
    [InlineData("100k", 100_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("2.5m", 2_500_000)]
    [InlineData(" 5M ", 5_000_000)]
    public void Rates_parse_with_suffixes(string text, long expected)
    {
        Assert.True(Format.TryParseRate(text, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1k")]
    [InlineData("0")]
    public void Bad_rates_are_refused(string text) => Assert.False(Format.TryParseRate(text, out _));

    [Theory]
    [InlineData(412, "412 ns")]
    [InlineData(1_840, "1.84 µs")]
    [InlineData(25_100_000, "25.1 ms")]
    public void Durations_read_in_the_right_unit(long ns, string expected) => Assert.Equal(expected, Format.Ns(ns));
}
