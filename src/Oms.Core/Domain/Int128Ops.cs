using System.Runtime.CompilerServices;

namespace Oms.Domain;

/// <summary>
/// The few 128-bit operations the engine's hot path needs, written on the two 64-bit halves so they inline.
/// </summary>
/// <remarks>
/// Why: the JIT calls <see cref="Int128"/>'s operators (+, −, ×, ==) instead of inlining them; a fill does
/// half a dozen of them. The results are identical to the operators' (two's complement, wrapping), which
/// the domain tests check against them.
/// </remarks>
internal static class Int128Ops
{
    /// <summary>The low 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Lo(Int128 v) => Unsafe.As<Int128, ulong>(ref v);

    /// <summary>The high 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hi(Int128 v) => Unsafe.Add(ref Unsafe.As<Int128, ulong>(ref v), 1);

    /// <summary>The low 64 bits of an unsigned value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Lo(UInt128 v) => Unsafe.As<UInt128, ulong>(ref v);

    /// <summary>The high 64 bits of an unsigned value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hi(UInt128 v) => Unsafe.Add(ref Unsafe.As<UInt128, ulong>(ref v), 1);

    /// <summary><paramref name="a"/> + <paramref name="b"/>, wrapping like the operator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Add(Int128 a, Int128 b)
    {
        ulong lo = Lo(a) + Lo(b);
        ulong carry = lo < Lo(a) ? 1UL : 0UL;
        return new Int128(Hi(a) + Hi(b) + carry, lo);
    }

    /// <summary><paramref name="a"/> − <paramref name="b"/>, wrapping like the operator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Sub(Int128 a, Int128 b)
    {
        ulong lo = Lo(a) - Lo(b);
        ulong borrow = Lo(a) < Lo(b) ? 1UL : 0UL;
        return new Int128(Hi(a) - Hi(b) - borrow, lo);
    }

    /// <summary>The exact product of two longs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Mul(long a, long b)
    {
        long hi = Math.BigMul(a, b, out long lo);
        return new Int128((ulong)hi, (ulong)lo);
    }

    /// <summary>True (and the value) when <paramref name="v"/> fits in a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNarrow(Int128 v, out long value)
    {
        value = (long)Lo(v);
        return Hi(v) == (ulong)(value >> 63);
    }
}
