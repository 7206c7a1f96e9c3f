using System.Numerics;
using System.Runtime.CompilerServices;

namespace Oms.Fix;

/// <summary>ASCII integer parsing, formatting and byte sums: the primitives under the codec, none allocating.</summary>
internal static class AsciiDigits
{
    /// <summary>Parses 1..18 decimal digits (no sign, no spaces); false otherwise.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if ((uint)(text.Length - 1) >= 18)
        {
            return false;
        }

        long v = 0;
        foreach (byte c in text)
        {
            uint d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = v;
        return true;
    }

    /// <summary>Parses exactly two digits at <paramref name="at"/>; -1 when they are not digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Two(ReadOnlySpan<byte> text, int at)
    {
        uint a = (uint)(text[at] - '0');
        uint b = (uint)(text[at + 1] - '0');
        return a > 9 || b > 9 ? -1 : (int)((a * 10) + b);
    }

    /// <summary>Parses <paramref name="count"/> digits at <paramref name="at"/>; -1 when they are not all digits.</summary>
    public static long Digits(ReadOnlySpan<byte> text, int at, int count)
    {
        long v = 0;
        for (int i = at; i < at + count; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return -1;
            }

            v = (v * 10) + d;
        }

        return v;
    }

    /// <summary>Number of decimal digits of <paramref name="value"/> (1 for zero).</summary>
    public static int CountDigits(ulong value)
    {
        int n = 1;
        while (value >= 10)
        {
            value /= 10;
            n++;
        }

        return n;
    }

    /// <summary>Writes <paramref name="value"/> in decimal; false when it does not fit.</summary>
    public static bool TryWrite(ulong value, Span<byte> destination, out int written)
    {
        int n = CountDigits(value);
        if (n > destination.Length)
        {
            written = 0;
            return false;
        }

        WriteFixedWidth(value, destination[..n]);
        written = n;
        return true;
    }

    /// <summary>Writes the low digits of <paramref name="value"/> into all of <paramref name="destination"/>, zero-padded.</summary>
    public static void WriteFixedWidth(ulong value, Span<byte> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The sum of the bytes modulo 256, which is all a FIX CheckSum needs.</summary>
    public static int SumMod256(ReadOnlySpan<byte> bytes)
    {
        // Byte lanes wrap modulo 256, and so does the CheckSum: no widening needed.
        int i = 0;
        byte sum = 0;
        if (Vector.IsHardwareAccelerated && bytes.Length >= Vector<byte>.Count)
        {
            Vector<byte> acc = Vector<byte>.Zero;
            for (; i <= bytes.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                acc += new Vector<byte>(bytes[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < bytes.Length; i++)
        {
            sum += bytes[i];
        }

        return sum;
    }
}
