using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;

namespace Oms.Domain;

/// <summary>
/// A 128-bit token standing for an external string id (ClOrdID, venue OrderID, ExecID) inside the engine.
/// </summary>
/// <remarks>
/// Design: ids are tokenised at the edge, before the ring, so ring slots stay unmanaged and fixed-size.
/// A string becomes the XxHash128 of its UTF-8 bytes; ClOrdIDs minted by the in-process client are
/// structured (<see cref="ForStrategy"/>) and never need a string until a gateway formats one. At 128 bits
/// the chance that any two of a billion distinct ids collide is below 10^-20, which is why the engine keeps
/// tokens, not strings, and treats equal tokens as equal ids (see docs/decisions/0003-id-tokens.md).
/// Zero is reserved for "no id"; no string maps to it.
/// </remarks>
/// <param name="Value">The raw 128-bit value.</param>
public readonly record struct IdToken(UInt128 Value)
{
    private const ulong StrategyTag = 0x5354_5241_5400_0000UL; // "STRAT" marker in the high word

    /// <summary>The absent id.</summary>
    public static IdToken None => default;

    /// <summary>True when this is <see cref="None"/>.</summary>
    public bool IsNone
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Int128Ops.Lo(Value) | Int128Ops.Hi(Value)) == 0;
    }

    /// <summary>Tokenises a string id. Empty input gives <see cref="None"/>. Does not allocate for ids up to 340 chars (1 KiB of UTF-8).</summary>
    public static IdToken FromString(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return None;
        }

        int max = Encoding.UTF8.GetMaxByteCount(id.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(id, buffer);
        return FromUtf8(buffer[..n]);
    }

    /// <summary>Tokenises a UTF-8 string id. Empty input gives <see cref="None"/>.</summary>
    public static IdToken FromUtf8(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty)
        {
            return None;
        }

        UInt128 h = XxHash128.HashToUInt128(id);
        // Keep hashed ids out of the structured space and off zero.
        if ((ulong)(h >> 64) >> 24 == StrategyTag >> 24 || h == UInt128.Zero)
        {
            h ^= new UInt128(0x8000_0000_0000_0000UL, 1);
        }

        return new IdToken(h);
    }

    /// <summary>A ClOrdID minted by the in-process client for <paramref name="strategyId"/>'s <paramref name="sequence"/>th request.</summary>
    public static IdToken ForStrategy(int strategyId, long sequence)
    {
        if ((uint)strategyId > 0xFFFFFF)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(strategyId), "strategy ids fit in 24 bits (0..16777215)");
        }

        return new(new UInt128(StrategyTag | (uint)strategyId, (ulong)sequence));
    }

    /// <summary>True when the token was minted by <see cref="ForStrategy"/>.</summary>
    public bool IsStrategyMinted => (ulong)(Value >> 64) >> 24 == StrategyTag >> 24;

    /// <summary>The strategy a token minted by <see cref="ForStrategy"/> was minted for; 0 for any other token.</summary>
    public int MintedStrategyId => IsStrategyMinted ? (int)((ulong)(Value >> 64) & 0xFFFFFF) : 0;

    /// <summary>True when the token was minted by <see cref="ForStrategy"/> for a strategy other than <paramref name="strategyId"/>.</summary>
    public bool IsMintedForOtherThan(int strategyId) => IsStrategyMinted && (int)((ulong)(Value >> 64) & 0xFFFFFF) != strategyId;

    /// <summary>Formats a structured token as <c>S{strategy}-{sequence}</c> and a hashed one as hex.</summary>
    public override string ToString()
    {
        if (IsNone)
        {
            return "";
        }

        if (IsStrategyMinted)
        {
            return $"S{(uint)(Value >> 64) & 0xFFFFFF}-{(ulong)Value}";
        }

        return ((ulong)(Value >> 64)).ToString("x16") + ((ulong)Value).ToString("x16");
    }

    /// <summary>
    /// Reads an id as <see cref="ToString"/> prints it: <c>S{strategy}-{sequence}</c> for a minted ClOrdID,
    /// 32 hex digits for a hashed token; any other text is taken as the id string itself and tokenised.
    /// </summary>
    public static IdToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int dash = text.IndexOf('-');
        if (text.Length > 2 && text[0] == 'S' && dash > 1
            && int.TryParse(text.AsSpan(1, dash - 1), System.Globalization.NumberStyles.None, null, out int strategy)
            && long.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out long sequence)
            && strategy <= 0xFFFFFF)
        {
            return ForStrategy(strategy, sequence);
        }

        if (text.Length == 32 && UInt128.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, null, out UInt128 raw))
        {
            return new IdToken(raw);
        }

        return FromString(text);
    }

    /// <summary>A well-mixed 64-bit hash of the token, for open-addressing tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Mix()
    {
        ulong x = Int128Ops.Lo(Value) ^ (Int128Ops.Hi(Value) * 0x9E3779B97F4A7C15UL);
        x ^= x >> 32;
        x *= 0xD6E8FEB86659FD93UL;
        x ^= x >> 32;
        return x;
    }
}
