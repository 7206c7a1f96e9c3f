using Oms.Domain;

namespace Oms.Fix;

/// <summary>
/// FIX id strings ↔ <see cref="IdToken"/>s. Thread-safe (stateless).
/// </summary>
/// <remarks>
/// Design: the in-process client mints structured ClOrdIDs (<see cref="IdToken.ForStrategy"/>) that a gateway
/// puts on the wire as <c>S{strategy}-{sequence}</c>. A venue echoes that text in 11 and 41; hashing it would
/// give a token the engine never saw, so the report would find no order. <see cref="ToToken"/> therefore maps
/// the canonical text of a structured id back to the structured token (when asked to), and hashes every other
/// id with <see cref="IdToken.FromUtf8"/>. Only the canonical form (no leading zeros, strategy ≤ 0xFFFFFF,
/// sequence ≤ 2^64−1) is recognised, so the mapping stays one-to-one: "S01-5" is hashed, "S1-5" is not.
/// </remarks>
public static class FixIds
{
    /// <summary>The longest text <see cref="TryFormatStrategyMinted"/> writes.</summary>
    public const int MaxStrategyMintedLength = 1 + 8 + 1 + 20;

    private const uint MaxStrategy = 0xFFFFFF;

    /// <summary>
    /// The token of a UTF-8 id: the structured token when <paramref name="recognizeStrategyMinted"/> and the text
    /// is a canonical <c>S{strategy}-{sequence}</c>, otherwise <see cref="IdToken.FromUtf8"/>. Empty gives none.
    /// </summary>
    public static IdToken ToToken(ReadOnlySpan<byte> id, bool recognizeStrategyMinted)
    {
        if (recognizeStrategyMinted && id.Length >= 4 && id[0] == (byte)'S' && TryParseStrategyMinted(id, out IdToken t))
        {
            return t;
        }

        return IdToken.FromUtf8(id);
    }

    /// <summary>
    /// Writes a structured token as <c>S{strategy}-{sequence}</c> (the same text as <see cref="IdToken.ToString"/>).
    /// False for hashed or empty tokens (their text lives only in the edge's own map) or when the destination is too small.
    /// </summary>
    public static bool TryFormatStrategyMinted(IdToken token, Span<byte> destination, out int written)
    {
        written = 0;
        if (!token.IsStrategyMinted || destination.Length < 4)
        {
            return false;
        }

        destination[0] = (byte)'S';
        if (!AsciiDigits.TryWrite((ulong)(token.Value >> 64) & MaxStrategy, destination[1..], out int s)
            || 1 + s >= destination.Length)
        {
            return false;
        }

        destination[1 + s] = (byte)'-';
        if (!AsciiDigits.TryWrite((ulong)token.Value, destination[(2 + s)..], out int q))
        {
            return false;
        }

        written = 2 + s + q;
        return true;
    }

    private static bool TryParseStrategyMinted(ReadOnlySpan<byte> id, out IdToken token)
    {
        token = default;
        int dash = id.IndexOf((byte)'-');
        if (dash < 2 || !TryCanonical(id[1..dash], 8, out ulong strategy) || strategy > MaxStrategy
            || !TryCanonical(id[(dash + 1)..], 20, out ulong sequence))
        {
            return false;
        }

        token = IdToken.ForStrategy((int)strategy, (long)sequence);
        return true;
    }

    private static bool TryCanonical(ReadOnlySpan<byte> digits, int maxDigits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > maxDigits || (digits[0] == (byte)'0' && digits.Length > 1))
        {
            return false;
        }

        foreach (byte c in digits)
        {
            uint d = (uint)(c - '0');
            if (d > 9 || value > (ulong.MaxValue - d) / 10)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
