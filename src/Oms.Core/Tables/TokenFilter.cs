using System.Numerics;
using System.Runtime.CompilerServices;
using Oms.Domain;

namespace Oms.Tables;

/// <summary>
/// A Bloom filter of <see cref="IdToken"/>s in one 64-bit word per token: "certainly never added" or "maybe
/// added". It answers the ExecID duplicate check for a new ExecID from one cache line in a block small enough
/// to stay cached, where the exact index it stands in front of is far larger than any cache (decision 0015).
/// Single-threaded (the engine thread).
/// </summary>
/// <remarks>
/// Four bits of one word per token, one byte of words per token the index holds: at its capacity 3.4% of new
/// tokens read "maybe" (65,536 tokens, <c>FillStoreTests</c>; then the exact index answers), fewer while it
/// fills. Never a false "never".
/// </remarks>
internal sealed class TokenFilter
{
    private readonly ulong[] _words;
    private readonly int _shift;
    private readonly long _hugePageBytes;

    /// <summary>A filter for up to <paramref name="maxTokens"/> tokens, committed (see <see cref="HugePages"/>).</summary>
    public TokenFilter(int maxTokens, bool hugePages = false)
    {
        int words = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, maxTokens / 8));
        _words = HugePages.Allocate<ulong>(words, hugePages, ref _hugePageBytes);
        _shift = 64 - BitOperations.Log2((uint)words);
    }

    /// <summary>Bytes the kernel was asked to back with 2 MiB pages.</summary>
    internal long HugePageBytes => _hugePageBytes;

    /// <summary>Bytes of the filter.</summary>
    public long Bytes => (long)_words.Length * sizeof(ulong);

    /// <summary>False when <paramref name="token"/> was certainly never added; true when it may have been.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(IdToken token)
    {
        ulong mix = token.Mix();
        ulong bits = Bits(mix);
        return (_words[Word(mix)] & bits) == bits;
    }

    /// <summary>Adds <paramref name="token"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(IdToken token)
    {
        ulong mix = token.Mix();
        _words[Word(mix)] |= Bits(mix);
    }

    /// <summary>Asks for the line <paramref name="token"/>'s word is on. Changes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(IdToken token) => Oms.Prefetch.Element(_words, Word(token.Mix()));

    /// <summary>Forgets every token.</summary>
    public void Clear() => Array.Clear(_words);

    // The word from the hash's top bits; the bits from its low 24 (an exact index uses the low bits for its
    // bucket, which does not matter here: the filter is only ever asked before the index).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Word(ulong mix) => _shift == 64 ? 0 : (int)(mix >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(ulong mix) =>
        (1UL << (int)(mix & 63)) | (1UL << (int)((mix >> 6) & 63)) | (1UL << (int)((mix >> 12) & 63)) | (1UL << (int)((mix >> 18) & 63));
}
