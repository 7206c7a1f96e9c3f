using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Oms.Domain;

/// <summary>
/// Exact fixed-point arithmetic. Prices and quantities are <see cref="long"/> raw values with a decimal scale
/// that belongs to the instrument (<see cref="InstrumentSpec"/>): raw 12345 at price scale 2 is 123.45.
/// Notional (price × quantity) is an <see cref="Int128"/> raw value at scale priceScale + quantityScale, so
/// it never overflows for any pair of <see cref="long"/> inputs. No <c>double</c> appears in state.
/// </summary>
public static class FixedPoint
{
    /// <summary>Exact notional of <paramref name="quantity"/> at <paramref name="price"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Notional(long price, long quantity) => Int128Ops.Mul(price, quantity);

    /// <summary>
    /// Average price (raw, at the price scale) of <paramref name="notional"/> over <paramref name="quantity"/>,
    /// rounded half away from zero. Zero when the quantity is zero.
    /// </summary>
    public static long AveragePrice(Int128 notional, long quantity)
    {
        if (quantity == 0)
        {
            return 0;
        }

        if (Int128Ops.TryNarrow(notional, out long n64) && n64 != long.MinValue && quantity != long.MinValue)
        {
            // The common case, in 64-bit arithmetic: same rounding (half away from zero) as below.
            long absQ = Math.Abs(quantity);
            long absN = Math.Abs(n64);
            long w = absN / absQ;
            long r = absN - (w * absQ);
            if (r >= absQ - r)
            {
                w++;
            }

            return (n64 < 0) != (quantity < 0) ? -w : w;
        }

        Int128 q = Int128.Abs(quantity);
        Int128 n = notional;
        bool negative = Int128.IsNegative(n) != (quantity < 0);
        n = Int128.Abs(n);
        Int128 whole = n / q;
        Int128 rem = n - (whole * q);
        if (rem * 2 >= q)
        {
            whole++;
        }

        return (long)(negative ? -whole : whole);
    }

    /// <summary>Parses a decimal string (e.g. "101.25") into a raw value at <paramref name="scale"/>; false when it has more digits than the scale holds or overflows.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int scale, out long raw)
    {
        raw = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out decimal value))
        {
            return false;
        }

        return TryFromDecimal(value, scale, out raw);
    }

    /// <summary>Converts a decimal into a raw value at <paramref name="scale"/>; false when precision would be lost or it overflows.</summary>
    public static bool TryFromDecimal(decimal value, int scale, out long raw)
    {
        raw = 0;
        decimal scaled = value * Pow10Decimal(scale);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        raw = (long)scaled;
        return true;
    }

    /// <summary>The decimal value of a raw value at <paramref name="scale"/>.</summary>
    public static decimal ToDecimal(long raw, int scale) => raw / Pow10Decimal(scale);

    /// <summary>Formats a raw value at <paramref name="scale"/> as an exact decimal string ("101.25", "-3").</summary>
    public static string Format(Int128 raw, int scale)
    {
        if (scale == 0)
        {
            return raw.ToString(CultureInfo.InvariantCulture);
        }

        BigInteger v = (BigInteger)raw;
        bool negative = v.Sign < 0;
        string digits = BigInteger.Abs(v).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        string whole = digits[..^scale];
        string frac = digits[^scale..].TrimEnd('0');
        string s = frac.Length == 0 ? whole : whole + "." + frac;
        return negative ? "-" + s : s;
    }

    private static decimal Pow10Decimal(int scale)
    {
        if ((uint)scale > 18)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(scale), "scale must be in 0..18");
        }

        decimal p = 1m;
        for (int i = 0; i < scale; i++)
        {
            p *= 10m;
        }

        return p;
    }
}
