using Oms.Domain;

namespace Oms.Tests.Domain;

public sealed class IdTokenTests
{
    [Fact]
    public void FromString_SameString_SameToken_DifferentString_DifferentToken()
    {
        Assert.Equal(IdToken.FromString("ORD-1"), IdToken.FromString("ORD-1"));
        Assert.NotEqual(IdToken.FromString("ORD-1"), IdToken.FromString("ORD-2"));
        Assert.Equal(IdToken.FromString("é-1"), IdToken.FromUtf8("é-1"u8));
    }

    [Fact]
    public void FromString_Empty_IsNone()
    {
        Assert.True(IdToken.FromString("").IsNone);
        Assert.True(IdToken.FromUtf8([]).IsNone);
    }

    [Fact]
    public void FromString_LongId_Works()
    {
        string id = new('x', 5_000);
        Assert.Equal(IdToken.FromString(id), IdToken.FromString(id));
        Assert.False(IdToken.FromString(id).IsNone);
    }

    [Fact]
    public void ForStrategy_IsStructured_AndNeverCollidesWithHashes()
    {
        IdToken minted = IdToken.ForStrategy(3, 17);
        Assert.True(minted.IsStrategyMinted);
        Assert.Equal("S3-17", minted.ToString());
        Assert.NotEqual(minted, IdToken.ForStrategy(3, 18));
        Assert.NotEqual(minted, IdToken.ForStrategy(4, 17));
        for (int i = 0; i < 100_000; i++)
        {
            Assert.False(IdToken.FromString($"S3-{i}").IsStrategyMinted);
        }
    }

    [Fact]
    public void FromString_ManyIds_NoCollisions()
    {
        var seen = new HashSet<IdToken>();
        for (int i = 0; i < 200_000; i++)
        {
            Assert.True(seen.Add(IdToken.FromString($"EXEC{i}")));
        }
    }

    [Theory]
    [InlineData("S3-17")]
    [InlineData("ORD-42")]
    [InlineData("S-1")]
    public void Parse_WhatToStringPrints_GivesTheSameToken(string text)
    {
        IdToken minted = text == "S3-17" ? IdToken.ForStrategy(3, 17) : IdToken.FromString(text);
        Assert.Equal(minted, IdToken.Parse(minted.ToString()));
        Assert.Equal(minted, IdToken.Parse(text));
    }
}
