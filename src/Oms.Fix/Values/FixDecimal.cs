namespace Oms.Fix;

/// <summary>
/// FIX decimal values (prices, quantities, amounts) as fixed-point raw <see cref="long"/>s, read from and written
/// to ASCII directly: no <c>double</c>, no <c>decimal</c>, no allocation. Thread-safe (stateless).
/// </summary>
/// <remarks>
/// Accepted text: an optional leading '-', digits, an optional '.', digits, at least one digit in all ("5.",
/// ".5" and "007" are accepted; "+5", " 5", "5e3" are not). Fractional digits beyond the scale are accepted only
/// when they are zeros ("1.2500" at scale 2 is exactly 125); a significant one is refused as
/// <see cref="FixErrorCode.TooManyDecimals"/>, never rounded. Every <see cref="long"/> raw value parses, from
/// <see cref="long.MinValue"/> to <see cref="long.MaxValue"/>, so whatever <see cref="TryFormat"/> writes reads back.
/// </remarks>
public static class FixDecimal
{
    /// <summary>The longest text <see cref="TryFormat"/> writes: sign, 19 digits and a point.</summary>
    public const int MaxFormattedLength = 21;

    /// <summary>
    /// Parses <paramref name="text"/> into a raw value at <paramref name="scale"/> (0..18).
    /// Returns <see cref="FixErrorCode.None"/>, <see cref="FixErrorCode.BadValue"/>,
    /// <see cref="FixErrorCode.TooManyDecimals"/> or <see cref="FixErrorCode.ValueOutOfRange"/>.
    /// </summary>
    public static FixErrorCode TryParse(ReadOnlySpan<byte> text, int scale, out long raw)
    {
        CheckScale(scale);
        raw = 0;
        int i = !text.IsEmpty && text[0] == (byte)'-' ? 1 : 0;
        bool negative = i == 1, point = false, tooMany = false, overflow = false;
        int digits = 0, fraction = 0;
        ulong acc = 0;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9)
            {
                if (text[i] != (byte)'.' || point)
                {
                    return FixErrorCode.BadValue;
                }

                point = true;
                continue;
            }

            digits++;
            if (point && fraction == scale)
            {
                tooMany |= d != 0;
                continue;
            }

            fraction += point ? 1 : 0;
            overflow |= acc > long.MaxValue / 10;
            acc = overflow ? acc : (acc * 10) + d;
        }

        if (digits == 0)
        {
            return FixErrorCode.BadValue;
        }

        if (tooMany)
        {
            return FixErrorCode.TooManyDecimals;
        }

        for (; fraction < scale && !overflow; fraction++)
        {
            overflow = acc > long.MaxValue / 10;
            acc *= 10;
        }

        // A negative value reaches one further than a positive one: "-9223372036854775808" is long.MinValue.
        ulong limit = negative ? 1UL << 63 : long.MaxValue;
        if (overflow || acc > limit)
        {
            return FixErrorCode.ValueOutOfRange;
        }

        raw = negative ? (long)(0 - acc) : (long)acc;
        return FixErrorCode.None;
    }

    /// <summary>
    /// Writes <paramref name="raw"/> at <paramref name="scale"/> (0..18) exactly, trailing fractional zeros trimmed
    /// ("101.25", "101", "-0.005"). False when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryFormat(long raw, int scale, Span<byte> destination, out int written)
    {
        CheckScale(scale);
        Span<byte> tmp = stackalloc byte[MaxFormattedLength + 1];
        int p = tmp.Length;
        ulong v = raw < 0 ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        bool kept = false;
        for (int f = 0; f < scale; f++)
        {
            byte d = (byte)(v % 10);
            v /= 10;
            if (kept || d != 0)
            {
                kept = true;
                tmp[--p] = (byte)('0' + d);
            }
        }

        if (kept)
        {
            tmp[--p] = (byte)'.';
        }

        do
        {
            tmp[--p] = (byte)('0' + (v % 10));
            v /= 10;
        }
        while (v != 0);

        if (raw < 0)
        {
            tmp[--p] = (byte)'-';
        }

        written = tmp.Length - p;
        if (written > destination.Length)
        {
            written = 0;
            return false;
        }

        tmp[p..].CopyTo(destination);
        return true;
    }

    private static void CheckScale(int scale)
    {
        if ((uint)scale > 18)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(scale), "scale must be in 0..18");
        }
    }
}
