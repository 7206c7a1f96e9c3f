using System.Runtime.InteropServices;

namespace Oms.Ring;

/// <summary>
/// A <see cref="long"/> cursor alone on its own cache lines: 128 bytes of padding on each side covers
/// 64-byte lines with adjacent-line prefetch on x64 and the 128-byte lines of ARM64.
/// </summary>
/// <remarks>Layout is fixed and checked by a reflection test (LayoutTests).</remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct PaddedSequence
{
    /// <summary>The padding on each side of the value, in bytes.</summary>
    public const int Padding = 128;

    /// <summary>The struct's size in bytes.</summary>
    public const int Size = Padding + sizeof(long) + Padding;

    /// <summary>The cursor value. Read and written with <see cref="System.Threading.Volatile"/> where it crosses threads.</summary>
    [FieldOffset(Padding)]
    public long Value;
}
