using System.Text;
using Oms.Domain;

namespace Oms.Fix.Tests.Values;

public sealed class FixIdsTests
{
    [Theory]
    [InlineData(1, 42L)]
    [InlineData(0, 0L)]
    [InlineData(0xFFFFFF, long.MaxValue)]
    [InlineData(7, -1L)]
    public void TryFormatStrategyMintedThenToToken_StructuredToken_RoundTrips(int strategy, long sequence)
    {
        IdToken token = IdToken.ForStrategy(strategy, sequence);
        Span<byte> buffer = stackalloc byte[FixIds.MaxStrategyMintedLength];

        Assert.True(FixIds.TryFormatStrategyMinted(token, buffer, out int n));
        Assert.Equal(token.ToString(), Encoding.ASCII.GetString(buffer[..n]));
        Assert.Equal(token, FixIds.ToToken(buffer[..n], recognizeStrategyMinted: true));
        Assert.Equal(IdToken.FromUtf8(buffer[..n]), FixIds.ToToken(buffer[..n], recognizeStrategyMinted: false));
    }

    [Theory]
    [InlineData("S01-5")]
    [InlineData("S1-05")]
    [InlineData("S-5")]
    [InlineData("S1-")]
    [InlineData("S16777216-1")]               // strategy above 0xFFFFFF
    [InlineData("S1-18446744073709551616")]   // sequence above 2^64-1
    [InlineData("S1-2-3")]
    [InlineData("s1-2")]
    [InlineData("S1-2 ")]
    [InlineData("ORD-1")]
    public void ToToken_NotCanonicalStrategyMinted_Hashes(string id)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(id);
        IdToken token = FixIds.ToToken(bytes, recognizeStrategyMinted: true);
        Assert.False(token.IsStrategyMinted);
        Assert.Equal(IdToken.FromUtf8(bytes), token);
    }

    [Fact]
    public void TryFormatStrategyMinted_HashedOrNone_False()
    {
        Span<byte> buffer = stackalloc byte[FixIds.MaxStrategyMintedLength];
        Assert.False(FixIds.TryFormatStrategyMinted(IdToken.FromUtf8("ORD-1"u8), buffer, out _));
        Assert.False(FixIds.TryFormatStrategyMinted(IdToken.None, buffer, out _));
        Assert.False(FixIds.TryFormatStrategyMinted(IdToken.ForStrategy(1, 123_456), buffer[..5], out _));
    }

    [Fact]
    public void ToToken_Empty_None() => Assert.True(FixIds.ToToken([], recognizeStrategyMinted: true).IsNone);
}
